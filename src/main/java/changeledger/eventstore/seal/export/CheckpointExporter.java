package changeledger.eventstore.seal.export;

import changeledger.domain.Hmac;
import changeledger.eventstore.seal.Checkpoint;
import changeledger.eventstore.seal.CheckpointFile;
import changeledger.eventstore.seal.SealChain;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Exports the seal head, on a schedule, to the configured file (one line appended and forced to the disk) and URL
 * (POSTed as JSON), each only when the chain moved on since the checkpoint last exported there (ADR 0056). A head
 * below that checkpoint, or a chain whose link at it has another hash, is logged as an error and not exported, so
 * the export keeps the checkpoint a later verification needs.
 */
@ApplicationScoped
public class CheckpointExporter {

    /** The header of the body's signature, as alert webhooks have it. */
    static final String SIGNATURE_HEADER = Hmac.SIGNATURE_HEADER;

    private static final Logger LOG = Logger.getLogger(CheckpointExporter.class);

    private final CheckpointExportConfig config;
    private final AgroalDataSource dataSource;
    private final SealChain chain = new SealChain();
    private final HttpClient client;
    /** The checkpoint last POSTed since this start; the receiver keeps the earlier ones. */
    private Checkpoint lastPosted;

    /** Wires the exporter. */
    public CheckpointExporter(CheckpointExportConfig config, AgroalDataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
        this.client = HttpClient.newBuilder().connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Refuses a configuration that cannot work, so the start fails instead of every export. */
    void started(@Observes StartupEvent event) {
        Optional<URI> url = config.url();
        if (url.isPresent() && (url.get().getHost() == null
                || !("http".equals(url.get().getScheme()) || "https".equals(url.get().getScheme())))) {
            throw new IllegalStateException("changeledger.seal.checkpoint-export.url must be an http or https "
                    + "address with a host, e.g. https://audit.example/checkpoints");
        }
        if (url.isEmpty() && (config.bearerToken().isPresent() || config.hmacSecret().isPresent())) {
            throw new IllegalStateException("changeledger.seal.checkpoint-export.bearer-token and .hmac-secret need "
                    + "changeledger.seal.checkpoint-export.url");
        }
        if (config.file().isPresent() && Files.isDirectory(config.file().get())) {
            throw new IllegalStateException("changeledger.seal.checkpoint-export.file is a directory: "
                    + config.file().get() + "; give the file to append to, e.g. " + config.file().get().resolve(
                    "checkpoints.jsonl"));
        }
        if (config.file().isPresent() || url.isPresent()) {
            LOG.infof("Seal checkpoints are exported every %s to %s", config.every(),
                    config.file().map(Path::toString).orElse("") + (config.file().isPresent() && url.isPresent()
                            ? " and " : "") + url.map(CheckpointExporter::where).orElse(""));
        }
    }

    @Scheduled(identity = "seal-checkpoint-export", every = "${changeledger.seal.checkpoint-export.every:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.file().isEmpty() && config.url().isEmpty()) {
            return;
        }
        try {
            exportNow();
        } catch (RuntimeException e) {
            LOG.warnf("Exporting the seal checkpoint failed: %s", e.getMessage());
        }
    }

    /** Exports the seal head to each configured target where the chain moved on; nothing while nothing is sealed. */
    public synchronized void exportNow() {
        try (Connection connection = dataSource.getConnection()) {
            Optional<Checkpoint> head = chain.checkpoint(connection);
            if (head.isEmpty()) {
                return;
            }
            if (config.file().isPresent()) {
                toFile(connection, head.get(), config.file().get());
            }
            if (config.url().isPresent()) {
                toUrl(connection, head.get(), config.url().get());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the seal head failed: " + e.getMessage(), e);
        }
    }

    private void toFile(Connection connection, Checkpoint head, Path file) throws SQLException {
        Checkpoint last;
        try {
            last = Files.exists(file) ? CheckpointFile.last(file).map(CheckpointFile.Line::checkpoint).orElse(null)
                    : null;
        } catch (IOException e) {
            LOG.errorf("Reading the checkpoint file %s failed: %s", file, e.getMessage());
            return;
        }
        if (proceed(connection, head, last, file.toString())) {
            try {
                CheckpointFile.append(file, head, Instant.now());
            } catch (IOException e) {
                LOG.errorf("Appending the seal checkpoint to %s failed: %s", file, e.getMessage());
            }
        }
    }

    private void toUrl(Connection connection, Checkpoint head, URI url) throws SQLException {
        if (!proceed(connection, head, lastPosted, where(url))) {
            return;
        }
        String error = post(url, CheckpointFile.line(head, Instant.now()).getBytes(StandardCharsets.UTF_8));
        if (error == null) {
            lastPosted = head;
        } else {
            LOG.warnf("Posting the seal checkpoint to %s failed (%s); the next run tries again", where(url), error);
        }
    }

    /** Whether to export the head to a target whose last checkpoint is {@code last}; logs why not when it is wrong. */
    private boolean proceed(Connection connection, Checkpoint head, Checkpoint last, String target)
            throws SQLException {
        Optional<Checkpoint> stored = last == null ? Optional.empty() : chain.checkpointAt(connection, last.position());
        switch (ExportStep.of(head, last, stored)) {
            case EXPORT:
                return true;
            case BEHIND:
                LOG.errorf("The seal head (seal %d) lies below the checkpoint last exported to %s (seal %d, event "
                        + "position %d): seals %d to %d were cut off the chain's tail, or the database was restored "
                        + "from an older state. Not exported; verify against that checkpoint (docs/operations.md)",
                        head.position(), target, last.position(), last.eventPosition(), head.position() + 1,
                        last.position());
                return false;
            case DIVERGED:
                LOG.errorf("The seal chain's link at seal %d no longer has the hash last exported to %s: history up "
                        + "to it was rewritten. Not exported; verify against that checkpoint (docs/operations.md)",
                        last.position(), target);
                return false;
            default:
                return false;
        }
    }

    /** POSTs the body; null when the receiver took it (2xx), else what went wrong, without address or secrets. */
    private String post(URI url, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(config.timeout())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        config.bearerToken().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        config.hmacSecret().ifPresent(secret -> request.header(SIGNATURE_HEADER, Hmac.signature(secret, body)));
        try {
            int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? null : "HTTP " + status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        }
    }

    /** The address without path, query or user info: what the logs may show. */
    private static String where(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }
}
