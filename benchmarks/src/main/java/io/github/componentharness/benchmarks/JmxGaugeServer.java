package io.github.componentharness.benchmarks;

import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.util.function.LongSupplier;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;

/** The JMX baseline: one MBean attribute served over RMI on loopback, and a client connected to it. */
final class JmxGaugeServer implements AutoCloseable {

    private final ObjectName name;
    private final Registry registry;
    private final JMXConnectorServer server;
    private final JMXConnector connector;
    private final MBeanServerConnection connection;

    JmxGaugeServer(String type, LongSupplier depth) throws Exception {
        MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
        name = new ObjectName("io.github.componentharness.benchmarks:type=" + type);
        platform.registerMBean(new StandardMBean((GaugeMBean) depth::getAsLong, GaugeMBean.class), name);
        int rmiPort;
        try (ServerSocket free = new ServerSocket(0)) {
            rmiPort = free.getLocalPort();
        }
        registry = LocateRegistry.createRegistry(rmiPort);
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + rmiPort + "/jmxrmi");
        server = JMXConnectorServerFactory.newJMXConnectorServer(url, null, platform);
        server.start();
        connector = JMXConnectorFactory.connect(url);
        connection = connector.getMBeanServerConnection();
    }

    Object read() throws Exception {
        return connection.getAttribute(name, "Depth");
    }

    @Override
    public void close() throws Exception {
        connector.close();
        server.stop();
        UnicastRemoteObject.unexportObject(registry, true);
        ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
    }
}
