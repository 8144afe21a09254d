package changeledger.security;

import changeledger.domain.Fault;
import changeledger.domain.ProblemException;
import changeledger.eventstore.EventMetadata;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/** The caller and request facts of the current HTTP request, and the event metadata they make. */
@RequestScoped
public class CurrentRequest {

    private final SecurityIdentity identity;
    private String requestId;
    private String clientAddress;
    private String correlationId;

    /** Reads the request's identity. */
    public CurrentRequest(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The authenticated caller; 401 when there is none. */
    public Caller caller() {
        Caller caller = identity.getAttribute(ApiKeyIdentityProvider.CALLER_ATTRIBUTE);
        if (caller == null) {
            throw new UnauthorizedException();
        }
        return caller;
    }

    /** Refuses (403) a key limited to some hosts: fleet-wide administration needs a key for all hosts. */
    public void requireAllHosts(String what) {
        Caller caller = caller();
        if (caller.hostLimited()) {
            throw new ProblemException(Fault.of(403, "This key is limited to hosts "
                    + caller.hosts() + "; " + what + " needs a key for all hosts."));
        }
    }

    /** Metadata for the events this request causes. */
    public EventMetadata metadata(String source) {
        Caller caller = caller();
        return new EventMetadata(caller.keyId(), caller.name(), source, correlationId, null, requestId,
                clientAddress);
    }

    /** The request id (from X-Request-ID or generated). */
    public String requestId() {
        return requestId;
    }

    void describe(String requestId, String clientAddress, String correlationId) {
        this.requestId = requestId;
        this.clientAddress = clientAddress;
        this.correlationId = correlationId;
    }
}
