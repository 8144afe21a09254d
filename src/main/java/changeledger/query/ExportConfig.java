package changeledger.query;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Bounds of NDJSON and CSV exports of {@code GET /api/v1/events} ({@code changeledger.export.*}). */
@ConfigMapping(prefix = "changeledger.export")
public interface ExportConfig {

    /** How long an export may go without the client taking any data before its connection is closed. */
    @WithDefault("60s")
    Duration idleTimeout();

    /** How many exports one API key may run at once; past it the answer is 503 with Retry-After. */
    @WithDefault("4")
    int maxStreamsPerKey();

    /** How many exports the service runs at once for all keys; past it the answer is 503 with Retry-After. */
    @WithDefault("32")
    int maxStreams();
}
