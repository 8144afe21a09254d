package changeledger.ingestion.pull;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The last outcome of a cluster's pull (its members' own outcomes are in {@link HostSyncReadModel}). */
@Entity
@Table(name = "cluster_sync")
public class ClusterSyncReadModel extends PanacheEntityBase {

    @Id
    @Column(name = "cluster")
    public String cluster;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    @Column(name = "last_success_at")
    public Instant lastSuccessAt;

    /** The address that answered the last sync. */
    @Column(name = "answered_by")
    public String answeredBy;

    /** What the last sync could not do, each a sentence an operator can act on. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "problems")
    public List<String> problems;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "last_error_at")
    public Instant lastErrorAt;
}
