package adoptfixture;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.IntConsumer;

/**
 * A main that ends its JVM with {@code System.exit}: at once with {@code now STATUS}, or, with
 * {@code serve PORT}, once a connection sends {@code x}, through a method reference on another thread.
 */
public class ExitingMain {

    public static void main(String[] args) throws IOException {
        if (args[0].equals("now")) {
            System.exit(Integer.parseInt(args[1]));
        }
        if (args[0].equals("stream")) {
            // A method reference, called by the JDK's stream code rather than by this class.
            java.util.stream.IntStream.of(Integer.parseInt(args[1])).forEach(System::exit);
        }
        ServerSocket server = new ServerSocket(Integer.parseInt(args[1]), 1, InetAddress.getLoopbackAddress());
        IntConsumer exit = Runtime.getRuntime()::exit;
        new Thread(() -> {
            try (ServerSocket s = server) {
                while (true) {
                    try (Socket c = s.accept()) {
                        // A readiness probe connects and sends nothing; the test sends 'x'.
                        if (c.getInputStream().read() == 'x') {
                            exit.accept(0);
                        }
                    }
                }
            } catch (IOException e) {
                System.out.println("ended: " + e);
            }
        }, "exit-on-x").start();
    }
}
