package changeledger.ingestion.pull;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The pull connector's last outcome per host. */
@Entity
@Table(name = "host_sync")
public class HostSyncReadModel extends PanacheEntityBase {

    @Id
    @Column(name = "host_id")
    public String hostId;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    @Column(name = "last_success_at")
    public Instant lastSuccessAt;

    /** Start time (Unix seconds) up to which the last successful sync saw every task. */
    @Column(name = "synced_since")
    public Long syncedSince;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "last_error_at")
    public Instant lastErrorAt;
}
