package changeledger.dashboard.session;

import changeledger.security.Tokens;
import java.time.Instant;

/**
 * One signed-in browser: the API key it signed in with (kept only in memory, never sent back), the key's id, and
 * the synchronizer token every form of the session must carry.
 *
 * @param id        the cookie value (256 random bits)
 * @param apiKey    the API key typed at sign-in
 * @param keyId     the id of that key
 * @param csrf      the CSRF token of the session's forms
 * @param createdAt when the key was signed in
 */
public record DashboardSession(String id, String apiKey, String keyId, String csrf, Instant createdAt) {

    /** Whether {@code token} is this session's CSRF token (compared in constant time). */
    public boolean acceptsCsrf(String token) {
        return token != null && !token.isEmpty() && Tokens.sameHash(Tokens.sha256(token), Tokens.sha256(csrf));
    }
}
