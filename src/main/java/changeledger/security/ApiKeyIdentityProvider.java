package changeledger.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Turns a bearer token into the identity of its (active) API key, or fails with 401. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** The identity attribute holding the {@link Caller}. */
    public static final String CALLER_ATTRIBUTE = "changeledger.caller";

    private final SecurityConfig config;

    /** Uses the bootstrap admin token from the configuration, if any. */
    public ApiKeyIdentityProvider(SecurityConfig config) {
        this.config = config;
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
        return QuarkusTransaction.joiningExisting().call(() -> ApiKeyReadModel.findActiveByHash(hash)
                .map(key -> new Caller(key.keyId, key.name, Role.fromWire(key.role), key.hosts)));
    }

    private static SecurityIdentity identity(Caller caller) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.name()))
                .addRoles(caller.roleNames())
                .addAttribute(CALLER_ATTRIBUTE, caller)
                .build();
    }
}
