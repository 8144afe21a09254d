package changeledger.host;

import changeledger.eventstore.ConcurrencyConflictException;
import changeledger.eventstore.EventIdConflictException;
import changeledger.eventstore.EventMetadata;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Registers the hosts declared in configuration when they do not exist yet; afterwards the API is
 * the authority and the configuration is not consulted again for them.
 */
@ApplicationScoped
public class DeclaredHostsRegistrar {

    private static final Logger LOG = Logger.getLogger(DeclaredHostsRegistrar.class);

    private final DeclaredHostsConfig config;
    private final HostService hosts;

    /** Wires the registrar. */
    public DeclaredHostsRegistrar(DeclaredHostsConfig config, HostService hosts) {
        this.config = config;
        this.hosts = hosts;
    }

    void onStart(@Observes StartupEvent event) {
        for (Map.Entry<String, DeclaredHostsConfig.DeclaredHost> entry : config.hosts().entrySet()) {
            String id = entry.getKey();
            if (hosts.exists(id)) {
                continue;
            }
            HostCommand.RegisterHost command = command(id, entry.getValue());
            try {
                hosts.handle(command, EventMetadata.system("config"));
                LOG.infof("Registered host '%s' (%s) from configuration", id, command.role().wireName());
            } catch (ConcurrencyConflictException | EventIdConflictException | HostConflictException e) {
                LOG.debugf("Host '%s' was registered by another instance", id);
            }
        }
    }

    static HostCommand.RegisterHost command(String id, DeclaredHostsConfig.DeclaredHost declared) {
        HostRole role;
        try {
            role = HostRole.fromWire(declared.role());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("changeledger.hosts." + id + ".role: " + e.getMessage(), e);
        }
        HostPolicy defaults = role.defaultPolicy();
        HostPolicy policy = new HostPolicy(
                declared.requireChangeRequests().orElse(defaults.requireChangeRequests()),
                declared.monthlyChangeBudget().map(v -> v < 0 ? null : v).orElse(defaults.monthlyChangeBudget()),
                declared.monthlyDisruptionMinutes().map(v -> v < 0 ? null : v)
                        .orElse(defaults.monthlyDisruptionMinutes()));
        HostResource.RegisterHostBody body = new HostResource.RegisterHostBody(id, declared.name(), role,
                declared.zone().orElse(null), declared.node(), null);
        HostCommand.RegisterHost validated = HostResource.validate(body);
        return new HostCommand.RegisterHost(validated.hostId(), validated.name(), role, validated.zone(),
                validated.node(), policy);
    }
}
