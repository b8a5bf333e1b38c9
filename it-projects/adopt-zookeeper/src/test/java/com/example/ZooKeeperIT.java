package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.componentharness.Harness;
import io.github.componentharness.Status;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

class ZooKeeperIT {

    private static ZooKeeper connect(Harness h) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper("127.0.0.1:" + h.port("zk", "client"), 10_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        assertTrue(connected.await(20, TimeUnit.SECONDS), "no session with the adopted ZooKeeper");
        return zk;
    }

    @Test
    void theAdoptedServerKeepsZnodesAndComesBackAfterARestart() throws Exception {
        try (Harness h = Harness.connect()) {
            try (ZooKeeper zk = connect(h)) {
                zk.create("/greeting", "hello".getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                        CreateMode.PERSISTENT);
                assertEquals("hello", new String(zk.getData("/greeting", false, null), StandardCharsets.UTF_8));
            }
            // Its System.exit(0) at the end of main ends this instance only; a fresh one starts,
            // on the same port, in a fresh work directory.
            h.restart("zk");
            assertEquals(Status.RUNNING, h.status("zk"));
            try (ZooKeeper zk = connect(h)) {
                assertNull(zk.exists("/greeting", false));
            }
        }
    }
}
