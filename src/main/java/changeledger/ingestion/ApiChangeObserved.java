package changeledger.ingestion;

import java.time.OffsetDateTime;

/**
 * A successful mutating API request seen in a host's pveproxy access log; the only trace of
 * synchronous changes such as a guest config update. One stream per event: {@code <hostId>/<eventId>}.
 *
 * @param hostId        the host whose log it is
 * @param method        POST, PUT or DELETE
 * @param path          the request path as logged
 * @param apiFormat     {@code json}, or {@code extjs} (web UI: logged as 200 even when it failed)
 * @param guestKind     {@code qemu} or {@code lxc} when the path names a guest
 * @param guestId       the guest id as raw text when the path names a guest
 * @param pathNode      the node the path names
 * @param user          the user or API token, or {@code null} when not logged
 * @param clientAddress the client address
 * @param status        the HTTP status
 * @param time          when it was logged, with the node's offset
 * @param line          the log line as received
 */
public record ApiChangeObserved(String hostId, String method, String path, String apiFormat, String guestKind,
                                String guestId, String pathNode, String user, String clientAddress, int status,
                                OffsetDateTime time, String line) implements ApiAccessEvent {

    /** The event type stored in the event table. */
    public static final String TYPE = "ApiChangeObserved";

    /** The event for one call of a host. */
    public static ApiChangeObserved of(String hostId, ApiCall call, String line) {
        return new ApiChangeObserved(hostId, call.method(), call.path(), call.apiFormat(), call.guestKind(), call.guestId(),
                call.pathNode(), call.user(), call.clientAddress(), call.status(), call.time(), line);
    }
}
