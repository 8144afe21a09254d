package changeledger.eventstore.seal.export;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Where and how often seal checkpoints are exported ({@code changeledger.seal.checkpoint-export.*}, ADR 0056). */
@ConfigMapping(prefix = "changeledger.seal.checkpoint-export")
public interface CheckpointExportConfig {

    /** The file that gets one JSON line per exported checkpoint, forced to the disk; absent: no file. */
    Optional<Path> file();

    /** The address (http or https) each exported checkpoint is POSTed to as JSON; absent: none. */
    Optional<URI> url();

    /** Sent to {@link #url()} as {@code Authorization: Bearer <token>}; never logged. */
    Optional<String> bearerToken();

    /** Signs the POSTed body: HMAC-SHA256 in {@code X-Changeledger-Signature: sha256=<hex>}; never logged. */
    Optional<String> hmacSecret();

    /** How often the head is looked at and exported when it moved on (a Quarkus scheduler expression; {@code off}). */
    @WithDefault("1h")
    String every();

    /** How long one POST may take (connect and answer) before it counts as failed and waits for the next run. */
    @WithDefault("10s")
    Duration timeout();
}
