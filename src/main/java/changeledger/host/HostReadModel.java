package changeledger.host;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The registered hosts; written by {@link HostService} in the transaction of each host event. */
@Entity
@Table(name = "host")
public class HostReadModel extends PanacheEntityBase {

    @Id
    @Column(name = "host_id")
    public String hostId;

    public String name;

    public String role;

    public String zone;

    public String node;

    public String cluster;

    @Column(name = "require_change_requests")
    public boolean requireChangeRequests;

    @Column(name = "monthly_change_budget")
    public Integer monthlyChangeBudget;

    @Column(name = "monthly_disruption_minutes")
    public Integer monthlyDisruptionMinutes;

    @Column(name = "registered_at")
    public Instant registeredAt;

    /** The last sequence number of the host's stream this row reflects. */
    public long version;

    /** Copies a host state into this row. */
    void apply(Host host, long newVersion) {
        hostId = host.id();
        name = host.name();
        role = host.role().wireName();
        zone = host.zone();
        node = host.node();
        cluster = host.cluster();
        requireChangeRequests = host.policy().requireChangeRequests();
        monthlyChangeBudget = host.policy().monthlyChangeBudget();
        monthlyDisruptionMinutes = host.policy().monthlyDisruptionMinutes();
        registeredAt = host.registered();
        version = newVersion;
    }

    /** The host state this row holds. */
    public Host toHost() {
        return host(hostId, name, role, zone, node, cluster, requireChangeRequests, monthlyChangeBudget,
                monthlyDisruptionMinutes, registeredAt);
    }

    /** The host state of a row's columns, however the row was read. */
    static Host host(String hostId, String name, String role, String zone, String node, String cluster,
                     boolean requireChangeRequests, Integer monthlyChangeBudget, Integer monthlyDisruptionMinutes,
                     Instant registeredAt) {
        return new Host(hostId, name, HostRole.fromWire(role), zone, node, cluster,
                new HostPolicy(requireChangeRequests, monthlyChangeBudget, monthlyDisruptionMinutes), registeredAt);
    }
}
