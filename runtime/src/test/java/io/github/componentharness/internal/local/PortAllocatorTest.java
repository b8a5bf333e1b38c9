package io.github.componentharness.internal.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {

    @Test
    void portsAreDistinctOutsideTheEphemeralRangeAndHeldUntilReleased() throws IOException {
        int[] ephemeral = PortAllocator.ephemeralRange();
        Set<Integer> all = new HashSet<>();
        try (PortAllocator ports = new PortAllocator(); PortAllocator other = new PortAllocator()) {
            for (int i = 0; i < 50; i++) {
                ports.allocate("c" + i, List.of("a", "b"));
                other.allocate("c" + i, List.of("a"));
                all.addAll(ports.ports("c" + i).values());
                all.addAll(other.ports("c" + i).values());
            }
            assertThat(all).hasSize(150).allSatisfy(p -> assertThat(p < ephemeral[0] || p > ephemeral[1]).isTrue());

            int held = ports.ports("c0").get("a");
            assertThatThrownBy(() -> bind(held)).isInstanceOf(IOException.class);
            ports.release("c0");
            bind(held);
        }
    }

    @Test
    void theKernelsEphemeralRangeIsReadAsTheKernelWritesIt() throws Exception {
        assertThat(PortAllocator.parseRange("32768\t60999\n")).containsExactly(32768, 60999);
        assertThat(PortAllocator.parseRange(" 1024 65000")).containsExactly(1024, 65000);
        if (System.getProperty("os.name").startsWith("Linux")) {
            // The oracle reads the file another way: cat's output, not this class's code.
            Process cat = new ProcessBuilder("cat", "/proc/sys/net/ipv4/ip_local_port_range").start();
            String text = new String(cat.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(cat.waitFor()).isZero();
            String[] expected = text.trim().split("\\s+");
            assertThat(PortAllocator.ephemeralRange())
                    .containsExactly(Integer.parseInt(expected[0]), Integer.parseInt(expected[1]));
        } else {
            assertThat(PortAllocator.ephemeralRange()).containsExactly(49_152, 65_535);
        }
    }

    private static void bind(int port) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress("127.0.0.1", port));
        }
    }
}
