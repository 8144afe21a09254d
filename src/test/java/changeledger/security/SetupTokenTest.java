package changeledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import changeledger.support.PlainDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one-time setup token, on a fresh database: offered only when nothing can create the first admin key. */
class SetupTokenTest {

    private static final Pattern TOKEN = Pattern.compile("Bearer (setup_[A-Za-z0-9_-]+)'");

    private PlainDatabase db;

    @BeforeEach
    void database() {
        db = PlainDatabase.migrated();
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void givenNoKeyAndNoBootstrapToken_whenStarted_thenTheLogShowsTheTokenInTheCurlThatCreatesTheFirstAdmin() {
        SetupToken setup = new SetupToken(config(null), db.dataSource(), 8080);

        String message = setup.offer().orElseThrow();

        assertThat(message).contains("curl -s -H 'Authorization: Bearer setup_")
                .contains("http://localhost:8080/api/v1/api-keys")
                .contains("-d '{\"name\":\"first admin\",\"role\":\"admin\",\"hosts\":[]}'")
                .contains("CHANGELEDGER_ADMIN_TOKEN");
        String token = token(message);
        assertThat(token.substring(SetupToken.PREFIX.length())).hasSize(43);     // 32 random bytes, base64url
        assertThat(setup.pending()).isTrue();
        assertThat(setup.authenticate(Tokens.sha256(token))).contains(SetupToken.CALLER);
        assertThat(setup.authenticate(Tokens.sha256(token + "x"))).isEmpty();
    }

    @Test
    void givenTheFirstAdminKeyExists_thenTheSetupTokenStopsWorkingAndIsNeverOfferedAgain() throws Exception {
        SetupToken setup = new SetupToken(config(null), db.dataSource(), 8080);
        String token = token(setup.offer().orElseThrow());

        insertKey("admin", "[]");

        assertThat(setup.authenticate(Tokens.sha256(token))).isEmpty();
        assertThat(setup.pending()).isFalse();
        assertThat(new SetupToken(config(null), db.dataSource(), 8080).offer()).isEmpty();
    }

    @Test
    void givenOnlyAHostLimitedAdminOrAReader_thenTheSetupTokenIsStillOffered() throws Exception {
        insertKey("admin", "[\"infra\"]");
        insertKey("reader", "[]");

        SetupToken setup = new SetupToken(config(null), db.dataSource(), 8080);

        assertThat(setup.offer()).isPresent();
        assertThat(setup.pending()).isTrue();
    }

    @Test
    void givenABootstrapToken_thenNoSetupTokenIsOffered() {
        SetupToken setup = new SetupToken(config("from-the-environment"), db.dataSource(), 8080);

        assertThat(setup.offer()).isEmpty();
        assertThat(setup.pending()).isFalse();
        assertThat(setup.authenticate(Tokens.sha256("from-the-environment"))).isEmpty();
    }

    private void insertKey(String role, String hosts) throws Exception {
        try (Connection c = db.connect(); PreparedStatement insert = c.prepareStatement("insert into api_key "
                + "(key_id, name, role, hosts, token_sha256, created_at, created_by) "
                + "values (?, ?, ?, ?::jsonb, ?, now(), 'test')")) {
            insert.setString(1, Tokens.newKeyId());
            insert.setString(2, role + " key");
            insert.setString(3, role);
            insert.setString(4, hosts);
            insert.setString(5, Tokens.sha256(Tokens.newToken()));
            insert.executeUpdate();
        }
    }

    private static String token(String message) {
        Matcher matcher = TOKEN.matcher(message);
        assertThat(matcher.find()).as("a setup token in: %s", message).isTrue();
        return matcher.group(1);
    }

    private static SecurityConfig config(String adminToken) {
        return new SecurityConfig() {
            @Override
            public Optional<String> adminToken() {
                return Optional.ofNullable(adminToken);
            }

            @Override
            public Optional<List<String>> trustedProxies() {
                return Optional.empty();
            }
        };
    }
}
