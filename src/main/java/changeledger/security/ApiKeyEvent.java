package changeledger.security;

import java.time.Instant;
import java.util.List;

/** Events of the API key aggregate. */
public sealed interface ApiKeyEvent {

    /** The aggregate type of API keys in the event store. */
    String AGGREGATE_TYPE = "ApiKey";

    /** The key id. */
    String keyId();

    /** A key was created; only the hash of its token is kept. */
    record ApiKeyCreated(String keyId, String name, Role role, List<String> hosts, String tokenSha256,
                         Instant createdAt) implements ApiKeyEvent {
    }

    /** A key was revoked; it stops working at once. */
    record ApiKeyRevoked(String keyId, String reason, Instant revokedAt) implements ApiKeyEvent {
    }
}
