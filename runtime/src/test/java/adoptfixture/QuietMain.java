package adoptfixture;

/** A main that prints a line once told to in its args, then waits until interrupted. */
public class QuietMain {

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0) {
            System.out.println(args[0]);
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
