package changeledger.evidence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Records and reads signs of life: every upload, heartbeat and successful pull of a source. One upsert per sign, in
 * the caller's transaction or its own; concurrent signs keep the latest time.
 */
@ApplicationScoped
public class SignsOfLife {

    private static final String UPSERT = """
            insert into evidence_source (host_id, source, first_seen_at, last_seen_at, last_line_at, collector_version)
            values (?, ?, ?, ?, ?, ?)
            on conflict (host_id, source) do update set
                last_seen_at = greatest(evidence_source.last_seen_at, excluded.last_seen_at),
                resumed_at = case when evidence_source.last_seen_at < excluded.last_seen_at - make_interval(secs => ?)
                                  then excluded.last_seen_at else evidence_source.resumed_at end,
                last_line_at = coalesce(excluded.last_line_at, evidence_source.last_line_at),
                collector_version = coalesce(excluded.collector_version, evidence_source.collector_version)
            """;

    private final EvidenceClock clock;
    private final EvidenceConfig config;
    private final EvidenceMetrics metrics;
    private final AgroalDataSource dataSource;

    /** Wires the recorder. */
    public SignsOfLife(EvidenceClock clock, EvidenceConfig config, EvidenceMetrics metrics,
                       AgroalDataSource dataSource) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.config = config;
        this.metrics = metrics;
    }

    /** A sign of life of {@code source} of a host, now. */
    @Transactional
    public void seen(String hostId, EvidenceSource source) {
        seen(hostId, source, null, null);
    }

    /** A sign of life with what the collector said about the source (both may be null). */
    @Transactional
    public void seen(String hostId, EvidenceSource source, Instant lastLineAt, String collectorVersion) {
        Instant now = clock.now();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setString(1, hostId);
            upsert.setString(2, source.wireName());
            upsert.setObject(3, now.atOffset(ZoneOffset.UTC));
            upsert.setObject(4, now.atOffset(ZoneOffset.UTC));
            upsert.setObject(5, lastLineAt == null ? null : lastLineAt.atOffset(ZoneOffset.UTC),
                    Types.TIMESTAMP_WITH_TIMEZONE);
            upsert.setString(6, collectorVersion);
            upsert.setDouble(7, config.maxSilence().toSeconds());
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Recording a sign of life of " + source.wireName() + " of host "
                    + hostId + " failed", e);
        }
        metrics.seen(hostId, source.wireName(), now);
    }

    /** The signs of life of a host, by source name. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SignOfLife> of(String hostId) {
        return SignOfLife.<SignOfLife>list("hostId = ?1 order by source", hostId);
    }

    /** Every sign of life of every host. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SignOfLife> all() {
        return SignOfLife.<SignOfLife>list("order by hostId, source");
    }

    /** The hosts whose sources that report tasks have ever shown a sign of life. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> watchedHosts() {
        return SignOfLife.getEntityManager()
                .createQuery("select distinct s.hostId from SignOfLife s where s.source in ?1 order by s.hostId",
                        String.class)
                .setParameter(1, EvidenceSource.taskSourceNames()).getResultList();
    }
}
