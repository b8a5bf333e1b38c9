package io.github.componentharness.benchmarks;

import io.github.componentharness.ControlPort;
import io.github.componentharness.Harness;
import io.github.componentharness.HarnessSpec;
import io.github.componentharness.LocalHarness;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * State queries per second with 4 concurrent clients, as parallel ITs would make them: through
 * the control port (one client per thread) and as JMX attribute reads over RMI (one connection,
 * as spring-boot:start's clients share). Target: the control port at least 1.5x JMX.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(4)
@Fork(1)
public class StateQueryThroughputBenchmark {

    /** The servers, shared by all client threads. */
    @State(Scope.Benchmark)
    public static class Servers {
        LocalHarness harness;
        ControlPort port;
        JMXConnectorServer jmxServer;
        JMXConnector jmxConnector;
        MBeanServerConnection jmx;
        ObjectName gaugeName;
        Registry registry;

        @Setup
        public void start() throws Exception {
            harness = Harness.start(HarnessSpec.builder().component("gauge", Gauge.class).build());
            port = ControlPort.serve(harness);
            Gauge gauge = harness.component("gauge", Gauge.class);
            MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
            gaugeName = new ObjectName("io.github.componentharness.benchmarks:type=GaugeThroughput");
            platform.registerMBean(new StandardMBean((GaugeMBean) () -> gauge.depth.get(), GaugeMBean.class), gaugeName);
            int rmiPort;
            try (ServerSocket free = new ServerSocket(0)) {
                rmiPort = free.getLocalPort();
            }
            registry = LocateRegistry.createRegistry(rmiPort);
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + rmiPort + "/jmxrmi");
            jmxServer = JMXConnectorServerFactory.newJMXConnectorServer(url, null, platform);
            jmxServer.start();
            jmxConnector = JMXConnectorFactory.connect(url);
            jmx = jmxConnector.getMBeanServerConnection();
        }

        @TearDown
        public void stop() throws Exception {
            jmxConnector.close();
            jmxServer.stop();
            UnicastRemoteObject.unexportObject(registry, true);
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(gaugeName);
            port.close();
            harness.close();
        }
    }

    /** One control port client per benchmark thread: a client serialises its own calls. */
    @State(Scope.Thread)
    public static class Client {
        Harness harness;

        @Setup
        public void connect(Servers servers) {
            harness = Harness.connect(servers.port.endpoint(), servers.port.token());
        }

        @TearDown
        public void close() {
            harness.close();
        }
    }

    @Benchmark
    public Object controlPortGet(Client client) {
        return client.harness.state("gauge", "depth");
    }

    @Benchmark
    public Object jmxOverRmi(Servers servers) throws Exception {
        return servers.jmx.getAttribute(servers.gaugeName, "Depth");
    }
}
