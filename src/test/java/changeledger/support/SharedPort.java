package changeledger.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * A port that a test profile configures and a receiver in the test then listens on: free when first chosen, and the
 * same for every later caller in this JVM, since it is kept in a system property.
 */
public final class SharedPort {

    private SharedPort() {
    }

    /** The port kept under {@code property}, chosen free on the first call. */
    public static int of(String property) {
        synchronized (System.getProperties()) {
            String port = System.getProperty(property);
            if (port == null) {
                try (ServerSocket socket = new ServerSocket(0)) {
                    port = Integer.toString(socket.getLocalPort());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                System.setProperty(property, port);
            }
            return Integer.parseInt(port);
        }
    }
}
