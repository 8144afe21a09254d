package changeledger.query;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The live event stream ({@code GET /api/v1/events/stream}): its limits and timers. */
@ConfigMapping(prefix = "changeledger.stream")
public interface StreamConfig {

    /** The most streams open at once on this instance; one more is answered 503 with {@code Retry-After}. */
    @WithDefault("100")
    int maxStreams();

    /** The most events a stream reads at once and holds until the client has taken them: its memory bound. */
    @WithDefault("100")
    int pageSize();

    /** How often each stream sends a comment line, so proxies and clients see the connection is alive. */
    @WithDefault("15s")
    Duration keepAlive();

    /**
     * How often one shared check looks for index rows written by another instance's processor (this instance's are
     * signalled when their batch commits); not a poll per stream.
     */
    @WithDefault("2s")
    Duration checkInterval();

    /** Threads that read pages for all streams: the most database connections the streams use at once. */
    @WithDefault("2")
    int readThreads();

    /** The seconds a client refused for too many streams is told to wait ({@code Retry-After}). */
    @WithDefault("10")
    int retryAfterSeconds();
}
