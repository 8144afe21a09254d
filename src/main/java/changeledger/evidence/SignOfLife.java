package changeledger.evidence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** The last sign of life of one source of a host (not an event: signs of life are not changes). */
@Entity
@Table(name = "evidence_source")
@IdClass(SignOfLife.Key.class)
public class SignOfLife extends PanacheEntityBase {

    @Id
    @Column(name = "host_id")
    public String hostId;

    @Id
    @Column(name = "source")
    public String source;

    @Column(name = "first_seen_at")
    public Instant firstSeenAt;

    @Column(name = "last_seen_at")
    public Instant lastSeenAt;

    @Column(name = "resumed_at")
    public Instant resumedAt;

    @Column(name = "last_line_at")
    public Instant lastLineAt;

    @Column(name = "collector_version")
    public String collectorVersion;

    /** The composite key. */
    public static class Key implements Serializable {

        public String hostId;
        public String source;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(hostId, key.hostId) && Objects.equals(source, key.source);
        }

        @Override
        public int hashCode() {
            return Objects.hash(hostId, source);
        }
    }
}
