package changeledger.query;

import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jboss.logging.Logger;

/**
 * An export's body that ends quietly when the client goes away: a closed connection is an INFO line without a
 * stack trace (a client that stops reading is routine, not a fault of the service); anything else still fails.
 */
final class ExportOutput {

    private static final Logger LOG = Logger.getLogger(ExportOutput.class);

    private ExportOutput() {
    }

    /** Wraps {@code body}, the {@code format} export of the caller named {@code caller}. */
    static StreamingOutput tolerant(String format, String caller, StreamingOutput body) {
        return output -> {
            try {
                body.write(output);
            } catch (IOException | UncheckedIOException e) {
                LOG.infof("%s export for %s stopped: the client closed the connection (%s)", format, caller,
                        e.getMessage());
            } catch (RuntimeException e) {
                if (!closedConnection(e)) {
                    throw e;
                }
                LOG.infof("%s export for %s stopped: the client closed the connection (%s)", format, caller,
                        e.getMessage());
            }
        };
    }

    /** Whether a runtime failure of a write is the connection having closed (Vert.x says so without an IOException). */
    private static boolean closedConnection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (t.getClass().getName().startsWith("io.vertx") && message.contains("closed")) {
                return true;
            }
        }
        return false;
    }
}
