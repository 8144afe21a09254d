package changeledger.host;

import changeledger.host.HostCommand.ChangeHostPolicy;
import changeledger.host.HostCommand.RegisterHost;
import changeledger.host.HostCommand.SetCluster;
import changeledger.host.HostEvent.HostJoinedCluster;
import changeledger.host.HostEvent.HostLeftCluster;
import changeledger.host.HostEvent.HostPolicyChanged;
import changeledger.host.HostEvent.HostRegistered;
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
 */
public record Host(String id, String name, HostRole role, String zone, String node, String cluster,
                   HostPolicy policy, Instant registered) {

    /** Before the first event. */
    public static final Host NONE = new Host(null, null, null, null, null, null, null, null);

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
        SetCluster set = (SetCluster) command;
        if (Objects.equals(set.cluster(), state.cluster())) {
            return List.of();
        }
        if (set.cluster() == null) {
            return List.of(new HostLeftCluster(state.id(), state.cluster()));
        }
        if (state.cluster() != null) {
            throw new HostConflictException("Host '" + state.id() + "' is in cluster '" + state.cluster()
                    + "'; leave it first with {\"cluster\": null}.");
        }
        return List.of(new HostJoinedCluster(state.id(), set.cluster()));
    }

    /** The state after an event. */
    public static Host evolve(Host state, HostEvent event) {
        if (event instanceof HostRegistered r) {
            return new Host(r.hostId(), r.name(), r.role(), r.zone(), r.node(), null, r.policy(), r.registeredAt());
        }
        if (event instanceof HostPolicyChanged p) {
            return new Host(state.id, state.name, state.role, state.zone, state.node, state.cluster, p.policy(),
                    state.registered);
        }
        if (event instanceof HostJoinedCluster j) {
            return new Host(state.id, state.name, state.role, state.zone, state.node, j.cluster(), state.policy,
                    state.registered);
        }
        if (!(event instanceof HostLeftCluster)) {
            throw new IllegalArgumentException("Unknown host event " + event);
        }
        return new Host(state.id, state.name, state.role, state.zone, state.node, null, state.policy,
                state.registered);
    }
}
