package changeledger.host;

import changeledger.domain.Fault;
import changeledger.domain.ProblemException;
import changeledger.security.Caller;
import changeledger.security.CurrentRequest;
import changeledger.security.Role;
import jakarta.enterprise.context.RequestScoped;

/**
 * Host scoping for the current request. A caller without rights on a host learns nothing about
 * it: for readers it does not exist (404, the same answer as for an unknown host).
 */
@RequestScoped
public class HostAccess {

    private final CurrentRequest request;
    private final HostService hosts;

    /** Wires the checks. */
    public HostAccess(CurrentRequest request, HostService hosts) {
        this.request = request;
        this.hosts = hosts;
    }

    /** The host, when the caller's key covers it and it exists; 404 otherwise. */
    public Host visible(String hostId) {
        Caller caller = request.caller();
        if (!caller.covers(hostId)) {
            throw new HostNotFoundException(hostId);
        }
        return hosts.find(hostId).orElseThrow(() -> new HostNotFoundException(hostId));
    }

    /**
     * The host, when the caller is an ingester bound to it; 403 for any other key, whether or not
     * the host exists, so an ingester learns nothing about hosts that are not its own.
     */
    public Host ingestible(String hostId) {
        Caller caller = request.caller();
        if (caller.role() != Role.INGESTER || !caller.covers(hostId)) {
            throw new ProblemException(Fault.of(403, "This API key may not ingest for host '"
                    + hostId + "'. Use the ingester key created for that host."));
        }
        return hosts.find(hostId).orElseThrow(() -> new HostNotFoundException(hostId));
    }

    /**
     * The host, when the caller is its ingester or its notifier (a key that may only post its Proxmox
     * notifications); 403 for any other key, as {@link #ingestible}.
     */
    public Host notifiable(String hostId) {
        Caller caller = request.caller();
        if (!caller.role().boundToHosts() || !caller.covers(hostId)) {
            throw new ProblemException(Fault.of(403, "This API key may not send notifications for host '"
                    + hostId + "'. Use the notifier (or ingester) key created for that host."));
        }
        return hosts.find(hostId).orElseThrow(() -> new HostNotFoundException(hostId));
    }

    /** Whether the caller may see this host in lists. */
    public boolean canSee(String hostId) {
        return request.caller().covers(hostId);
    }
}
