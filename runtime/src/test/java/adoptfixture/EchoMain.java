package adoptfixture;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A server written with no harness in mind: a main that reads its port from a system property,
 * serves on a thread of its own and returns; a static request counter; a shutdown hook; and a
 * {@code --stop PORT} mode that asks a running server to end, as an operations script would.
 */
public class EchoMain {

    static int requests;
    static String greeting = "hello";
    static volatile ServerSocket server;

    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("--stop")) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[1]));
                    PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8)) {
                out.println("SHUTDOWN");
            }
            // As command-line tools end: its status is the tool's, not the server's.
            System.exit(1);
        }
        if (args.length == 2 && args[0].equals("--greeting")) {
            greeting = args[1];
        }
        server = new ServerSocket(Integer.getInteger("echo.port"), 50, InetAddress.getLoopbackAddress());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran, requests " + requests)));
        Thread serving = new Thread(EchoMain::serve, "echo-serving");
        serving.start();
        System.out.println("echo serving on " + server.getLocalPort());
    }

    private static void serve() {
        try (ServerSocket s = server) {
            while (true) {
                try (Socket c = s.accept();
                        BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
                        PrintWriter out = new PrintWriter(c.getOutputStream(), true, StandardCharsets.UTF_8)) {
                    String line = in.readLine();
                    if (line == null) {
                        continue; // a readiness probe: connected, sent nothing
                    }
                    if (line.equals("SHUTDOWN")) {
                        return;
                    }
                    requests++;
                    // Read on this thread, which the main started: per-instance properties reach it.
                    out.println(greeting + " " + System.getProperty("echo.who") + " #" + requests);
                }
            }
        } catch (IOException e) {
            System.out.println("echo serving ended: " + e);
        }
    }
}
