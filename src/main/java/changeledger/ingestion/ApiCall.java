package changeledger.ingestion;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A successful mutating API request seen in the pveproxy access log.
 *
 * @param clientAddress the client, IPv4-mapped IPv6 addresses written as plain IPv4
 * @param user          the user or API token ({@code user@realm!token}), or {@code null} when logged as {@code -}
 * @param time          when pveproxy logged it, with the node's offset
 * @param method        {@code POST}, {@code PUT} or {@code DELETE}
 * @param path          the request path as logged (query string included)
 * @param apiFormat     {@code json} or {@code extjs}: the web UI's format, where pveproxy logs failed
 *                      requests as 200 too (the error is in the body), so success is not proven
 * @param status        the HTTP status (2xx)
 * @param guestKind     {@code qemu} or {@code lxc} when the path names a guest, else {@code null}
 * @param guestId       the guest id as text when the path names a guest, else {@code null}
 * @param pathNode      the node the path names ({@code /nodes/{node}/...}), else {@code null}
 */
public record ApiCall(String clientAddress, String user, OffsetDateTime time, String method, String path,
                      String apiFormat, int status, String guestKind, String guestId, String pathNode) {

    /** Validates the call. */
    public ApiCall {
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(apiFormat, "apiFormat");
    }
}
