package changeledger.query;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * One admitted export. It hands bytes on only while the connection's write queue has room, and reads its next page
 * only once the last one has drained to the client; a client that takes nothing for the idle timeout has its
 * connection closed. Its place is freed once, however the export ends.
 */
public final class ExportStream {

    private static final Logger LOG = Logger.getLogger(ExportStream.class);

    private final RoutingContext context;
    private final long idleNanos;
    private final Runnable onRelease;
    private final AtomicBoolean released = new AtomicBoolean();
    private final AtomicLong written = new AtomicLong();
    private final AtomicBoolean cut = new AtomicBoolean();
    private volatile long cutAt;
    private volatile long lastProgress = System.nanoTime();

    ExportStream(RoutingContext context, Duration idleTimeout, Runnable onRelease) {
        this.context = context;
        this.idleNanos = idleTimeout.toNanos();
        this.onRelease = onRelease;
    }

    /** The body, written through this stream's watch; the place is freed when it returns or fails. */
    public StreamingOutput guard(StreamingOutput body) {
        return output -> {
            try {
                HttpServerResponse response = context.response();
                HttpConnection connection = context.request().connection();
                // wake the writer as soon as the queue drains: this body, or the output stream beneath it (both
                // wait on the connection)
                response.drainHandler(drained -> {
                    synchronized (connection) {
                        connection.notifyAll();
                    }
                });
                body.write(new Watched(output, response, connection));
            } finally {
                release();
            }
        };
    }

    /** The bytes handed on so far. */
    long written() {
        return written.get();
    }

    /**
     * Cuts the export off when it has handed nothing on for the idle timeout, whatever its writer is blocked in (the
     * output stream beneath can wait for a drain on its own); a watchdog calls it, see {@link ExportStreams}. An export
     * cut off for another idle timeout whose writer has still not returned, and whose request never ended, gives its
     * place back all the same: a place is never held by a closed connection.
     *
     * @return whether it cut the export off now
     */
    boolean cutIfIdle(long nowNanos) {
        if (released.get()) {
            return false;
        }
        if (cut.get()) {
            if (nowNanos - cutAt > idleNanos) {
                LOG.warnf("An export to %s cut off %d s ago had not ended: its place is given back",
                        context.request().remoteAddress(), Duration.ofNanos(nowNanos - cutAt).toSeconds());
                release();
            }
            return false;
        }
        if (nowNanos - lastProgress <= idleNanos) {
            return false;
        }
        if (!markCut(nowNanos)) {
            return false;
        }
        closeConnection(context.request().connection());
        return true;
    }

    /** Marks the export cut off at this time; false when the writer or the watchdog did so first. */
    private boolean markCut(long nowNanos) {
        cutAt = nowNanos;
        return cut.compareAndSet(false, true);
    }

    private void closeConnection(HttpConnection connection) {
        String seconds = Duration.ofNanos(idleNanos).toSeconds() + " s";
        LOG.infof("Closed an export to %s after %d bytes: the client took no data for %s "
                + "(changeledger.export.idle-timeout)", context.request().remoteAddress(), written.get(), seconds);
        // not HttpConnection.close(): that first writes out what is queued, which this client does not take
        if (connection instanceof ConnectionBase base) {
            base.channel().close();
        } else {
            connection.close();
        }
        synchronized (connection) {
            connection.notifyAll();
        }
    }

    /** Frees the place; only the first call counts. */
    void release() {
        if (released.compareAndSet(false, true)) {
            onRelease.run();
        }
    }

    /** Hands bytes on only while the write queue has room, and waits for it to drain at most the idle timeout. */
    private final class Watched extends OutputStream {

        private final OutputStream out;
        private final HttpServerResponse response;
        private final HttpConnection connection;

        Watched(OutputStream out, HttpServerResponse response, HttpConnection connection) {
            this.out = out;
            this.response = response;
            this.connection = connection;
        }

        @Override
        public void write(int b) throws IOException {
            awaitRoom();
            out.write(b);
            written.incrementAndGet();
            lastProgress = System.nanoTime();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            awaitRoom();
            out.write(b, off, len);
            written.addAndGet(len);
            lastProgress = System.nanoTime();
        }

        /** Flushes, then waits until the client has taken it: the caller reads its next page only after that. */
        @Override
        public void flush() throws IOException {
            awaitRoom();
            out.flush();
            awaitRoom();
            lastProgress = System.nanoTime();
        }

        /** Closes the stream beneath, unless the export was cut off: its flush would wait for a drain on a closed
         * connection that never comes. */
        @Override
        public void close() throws IOException {
            if (!cut.get()) {
                out.close();
            }
        }

        private void awaitRoom() throws IOException {
            if (cut.get()) {
                throw new IOException("The export was cut off: the client took no data");
            }
            long deadline = System.nanoTime() + idleNanos;
            synchronized (connection) {
                while (response.writeQueueFull()) {
                    if (response.closed()) {
                        throw new IOException("The client closed the connection");
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        idle();
                    }
                    try {
                        connection.wait(Math.max(1, Math.min(1000, left / 1_000_000)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("Interrupted while waiting for the client to read");
                    }
                }
            }
        }

        private void idle() throws IOException {
            if (markCut(System.nanoTime())) {
                closeConnection(connection);
            }
            throw new IOException("The client took no data for " + Duration.ofNanos(idleNanos).toSeconds() + " s");
        }
    }
}
