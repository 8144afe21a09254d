package changeledger.security;

import changeledger.database.RowByKey;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Turns a bearer token into the identity of its (active) API key, or fails with 401. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** The identity attribute holding the {@link Caller}. */
    public static final String CALLER_ATTRIBUTE = "changeledger.caller";

    /**
     * The active key of a token hash, read with one plain statement: every request with a created key runs it, and
     * through an entity query it cost about a quarter of the service's CPU for a page of events.
     */
    static final String ACTIVE_KEY = """
            select key_id, name, role, hosts::text from api_key where token_sha256 = ? and revoked_at is null
            """;

    private static final TypeReference<List<String>> HOSTS = new TypeReference<>() {
    };

    private final SecurityConfig config;
    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;
    private final SetupToken setupToken;

    /** Uses the bootstrap admin token from the configuration, if any, the one-time setup token and the key table. */
    public ApiKeyIdentityProvider(SecurityConfig config, AgroalDataSource dataSource, ObjectMapper mapper,
                                  SetupToken setupToken) {
        this.config = config;
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.setupToken = setupToken;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public io.smallrye.mutiny.Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request,
                                                                 AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        return context.runBlocking(() -> identity(find(token)
                .orElseThrow(() -> new AuthenticationFailedException("unknown or revoked API key"))));
    }

    private Optional<Caller> find(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String hash = Tokens.sha256(token);
        Optional<String> bootstrap = config.adminToken().filter(t -> !t.isBlank());
        if (bootstrap.isPresent() && Tokens.sameHash(hash, Tokens.sha256(bootstrap.get()))) {
            return Optional.of(new Caller(Caller.BOOTSTRAP_KEY_ID, "bootstrap admin", Role.ADMIN, List.of()));
        }
        if (token.startsWith(SetupToken.PREFIX)) {
            return setupToken.authenticate(hash);
        }
        return RowByKey.find(dataSource, ACTIVE_KEY, hash, "the API key table", row -> new Caller(row.getString(1),
                row.getString(2), Role.fromWire(row.getString(3)), List.copyOf(mapper.readValue(row.getString(4), HOSTS))));
    }

    private static SecurityIdentity identity(Caller caller) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.name()))
                .addRoles(caller.roleNames())
                .addAttribute(CALLER_ATTRIBUTE, caller)
                .build();
    }
}
