package changeledger.host;

import changeledger.host.HostCommand.ChangeHostPolicy;
import changeledger.host.HostCommand.RegisterHost;
import changeledger.host.HostCommand.SetCluster;
import changeledger.host.HostEvent.HostJoinedCluster;
import changeledger.host.HostEvent.HostLeftCluster;
import changeledger.host.HostEvent.HostPolicyChanged;
import changeledger.host.HostEvent.HostRegistered;
import changeledger.domain.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The state of one host and its pure decide/evolve functions.
 *
 * @param id         the host id (null before registration)
 * @param name       display name
 * @param role       infrastructure or lab
 * @param zone       network zone
 * @param node       Proxmox node name, as in its UPIDs
 * @param cluster    the cluster it belongs to, or null
 * @param policy     its change policy
 * @param registered when it was registered
 * @param clusterChangedAt when its last join or leave took effect, or null (never, or not known: the read model
 *                         does not keep it; only the state folded from the host's stream has it)
 */
public record Host(String id, String name, HostRole role, String zone, String node, String cluster,
                   HostPolicy policy, Instant registered, Instant clusterChangedAt) {

    /** Before the first event. */
    public static final Host NONE = new Host(null, null, null, null, null, null, null, null, null);

    /** How far ahead of the service's clock a membership change's {@code since} may lie (clocks differ a little). */
    public static final Duration SINCE_TOLERANCE = Duration.ofMinutes(5);

    /** A host state without its last membership change's time (as the read model holds it). */
    public Host(String id, String name, HostRole role, String zone, String node, String cluster, HostPolicy policy,
                Instant registered) {
        this(id, name, role, zone, node, cluster, policy, registered, null);
    }

    /** Whether the host has been registered. */
    public boolean exists() {
        return id != null;
    }

    /** The events a command causes; an empty list when it changes nothing. */
    public static List<HostEvent> decide(HostCommand command, Host state, Instant now) {
        if (command instanceof RegisterHost register) {
            if (state.exists()) {
                throw new HostConflictException("Host '" + register.hostId() + "' is already registered.");
            }
            HostPolicy policy = register.policy() != null ? register.policy() : register.role().defaultPolicy();
            return List.of(new HostRegistered(register.hostId(), register.name(), register.role(), register.zone(),
                    register.node(), policy, now));
        }
        if (!state.exists()) {
            throw new HostNotFoundException(command.hostId());
        }
        if (command instanceof ChangeHostPolicy change) {
            return change.policy().equals(state.policy()) ? List.of()
                    : List.of(new HostPolicyChanged(state.id(), change.policy()));
        }
        return decideCluster((SetCluster) command, state, now);
    }

    /**
     * A join or leave: the same join again (with no or the same {@code since}) changes nothing; a leave while in no
     * cluster, a join while in another, or a {@code since} before the host's last membership change is a conflict;
     * a {@code since} more than {@link #SINCE_TOLERANCE} ahead of now is refused.
     */
    private static List<HostEvent> decideCluster(SetCluster set, Host state, Instant now) {
        Instant since = set.since() != null ? set.since() : now;
        if (since.isAfter(now.plus(SINCE_TOLERANCE))) {
            throw ProblemException.badRequest("Field 'since' (" + since + ") lies in the future: a membership change "
                    + "is recorded when it happened, at most " + SINCE_TOLERANCE.toMinutes() + " minutes ahead of the "
                    + "service's clock (" + now + ").");
        }
        if (Objects.equals(set.cluster(), state.cluster()) && set.cluster() != null) {
            if (set.since() == null || set.since().equals(state.clusterChangedAt())) {
                return List.of();
            }
            throw new HostConflictException("Host '" + state.id() + "' is already in cluster '" + state.cluster()
                    + "' since " + state.clusterChangedAt() + "; history is not edited: to record another time, "
                    + "leave and join again.");
        }
        if (set.cluster() == null && state.cluster() == null) {
            throw new HostConflictException("Host '" + state.id() + "' is in no cluster, so it cannot leave one.");
        }
        if (set.cluster() != null && state.cluster() != null) {
            throw new HostConflictException("Host '" + state.id() + "' is in cluster '" + state.cluster()
                    + "'; leave it first with {\"cluster\": null}.");
        }
        if (state.clusterChangedAt() != null && since.isBefore(state.clusterChangedAt())) {
            throw new HostConflictException("Field 'since' (" + since + ") lies before the host's last membership "
                    + "change (" + (state.cluster() == null ? "it left a cluster" : "it joined '" + state.cluster()
                    + "'") + " at " + state.clusterChangedAt() + "); membership changes are recorded in their order.");
        }
        if (set.cluster() == null) {
            return List.of(new HostLeftCluster(state.id(), state.cluster(), since));
        }
        return List.of(new HostJoinedCluster(state.id(), set.cluster(), since));
    }

    /** The state after an event. */
    public static Host evolve(Host state, HostEvent event) {
        if (event instanceof HostRegistered r) {
            return new Host(r.hostId(), r.name(), r.role(), r.zone(), r.node(), null, r.policy(), r.registeredAt(),
                    null);
        }
        if (event instanceof HostPolicyChanged p) {
            return new Host(state.id, state.name, state.role, state.zone, state.node, state.cluster, p.policy(),
                    state.registered, state.clusterChangedAt);
        }
        if (event instanceof HostJoinedCluster j) {
            return new Host(state.id, state.name, state.role, state.zone, state.node, j.cluster(), state.policy,
                    state.registered, j.since());
        }
        if (!(event instanceof HostLeftCluster left)) {
            throw new IllegalArgumentException("Unknown host event " + event);
        }
        return new Host(state.id, state.name, state.role, state.zone, state.node, null, state.policy,
                state.registered, left.since());
    }
}
