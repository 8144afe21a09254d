package changeledger.security;

import changeledger.domain.ProblemException;
import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.EventCodec;
import changeledger.eventstore.EventMetadata;
import changeledger.eventstore.EventStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Creates, lists and revokes API keys: events first, read model in the same transaction. */
@ApplicationScoped
public class ApiKeyService {

    /** The answer to a creation: the only time the token is shown. */
    public record CreatedKey(String id, String token, ApiKeyView key) {
    }

    /** A key as listed (never with its token or hash). */
    public record ApiKeyView(String id, String name, Role role, List<String> hosts, Instant createdAt,
                             String createdBy, Instant revokedAt, boolean active) {

        static ApiKeyView of(ApiKeyReadModel key) {
            return new ApiKeyView(key.keyId, key.name, Role.fromWire(key.role), key.hosts, key.createdAt,
                    key.createdBy, key.revokedAt, key.revokedAt == null);
        }
    }

    private final EventStore store;
    private final EventCodec<ApiKeyEvent> codec;
    private final HostDirectory hosts;

    /** Wires the service. */
    public ApiKeyService(EventStore store, ObjectMapper mapper, HostDirectory hosts) {
        this.store = store;
        this.codec = new EventCodec<>(ApiKeyEvent.class, mapper, Map.of());
        this.hosts = hosts;
    }

    /** Creates a key; the token is returned once and only its hash is stored. */
    @Transactional
    public CreatedKey create(String name, Role role, List<String> hostIds, EventMetadata metadata) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw ProblemException.badRequest("Field 'name' must be 1 to 100 characters.");
        }
        if (role == null) {
            throw ProblemException.badRequest("Field 'role' is required: reader, submitter, approver, admin, ingester or notifier.");
        }
        List<String> scope = hostIds == null ? List.of() : hostIds.stream().distinct().sorted().toList();
        if (role.boundToHosts() && scope.isEmpty()) {
            throw ProblemException.badRequest("A key of role '" + role.wireName() + "' must name its hosts in 'hosts': one key"
                    + " per collector or notification target, so no credential can write events for another host.");
        }
        List<String> unknown = scope.stream().filter(h -> !hosts.exists(h)).toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.badRequest("Unknown host(s) in 'hosts': " + String.join(", ", unknown)
                    + ". Register them first with POST /api/v1/hosts.");
        }
        String keyId = Tokens.newKeyId();
        String token = Tokens.newToken();
        Instant now = Instant.now();
        var created = new ApiKeyEvent.ApiKeyCreated(keyId, name.trim(), role, scope, Tokens.sha256(token), now);
        store.append(new AppendRequest(aggregate(keyId), AppendRequest.NEW_STREAM,
                List.of(codec.encode(UUID.randomUUID(), created, now))), metadata);
        ApiKeyReadModel model = new ApiKeyReadModel();
        model.keyId = keyId;
        model.name = created.name();
        model.role = role.wireName();
        model.hosts = scope;
        model.tokenSha256 = created.tokenSha256();
        model.createdAt = now;
        model.createdBy = metadata.actorKeyId();
        model.persist();
        return new CreatedKey(keyId, token, ApiKeyView.of(model));
    }

    /** Every key, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ApiKeyView> list() {
        return ApiKeyReadModel.<ApiKeyReadModel>listAll().stream()
                .sorted(Comparator.comparing((ApiKeyReadModel k) -> k.createdAt).reversed())
                .map(ApiKeyView::of).toList();
    }

    /** Revokes a key at once; revoking a revoked key changes nothing. */
    @Transactional
    public void revoke(String keyId, String reason, EventMetadata metadata) {
        ApiKeyReadModel model = ApiKeyReadModel.findById(keyId);
        if (model == null) {
            throw ProblemException.notFound("No API key has id '" + keyId + "'. GET /api/v1/api-keys lists them.");
        }
        if (model.revokedAt != null) {
            return;
        }
        Instant now = Instant.now();
        var revoked = new ApiKeyEvent.ApiKeyRevoked(keyId, reason, now);
        store.append(new AppendRequest(aggregate(keyId), store.lastSequence(aggregate(keyId)),
                List.of(codec.encode(UUID.randomUUID(), revoked, now))), metadata);
        model.revokedAt = now;
        model.revokedBy = metadata.actorKeyId();
    }

    private static AggregateRef aggregate(String keyId) {
        return new AggregateRef(ApiKeyEvent.AGGREGATE_TYPE, keyId);
    }
}
