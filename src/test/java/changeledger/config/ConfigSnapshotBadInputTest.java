package changeledger.config;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.EventStore;
import changeledger.evidence.SignsOfLife;
import changeledger.support.PveFiles;
import changeledger.support.Tars;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A snapshot that is not a tar of the documented files in UTF-8 stores nothing; bad lines are refused one by one. */
@QuarkusTest
class ConfigSnapshotBadInputTest {

    @Inject
    EventStore store;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    SignsOfLife signs;

    String host;
    String ingester;

    @BeforeEach
    void host() {
        host = registerHost("cfgbad", "lab", "pve-lab");
        ingester = createKey("ingester", host);
    }

    private ValidatableResponse push(byte[] body) {
        return as(ingester).contentType("application/x-tar").body(body)
                .post("/api/v1/hosts/" + host + "/ingest/config").then();
    }

    private void assertNothingStored() throws SQLException {
        assertThat(store.readStream(new AggregateRef("Config", host))).isEmpty();
        try (Connection c = dataSource.getConnection();
             PreparedStatement read = c.prepareStatement("select count(*) from config_snapshot where host_id = ?")) {
            read.setString(1, host);
            try (ResultSet rows = read.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(1)).isZero();
            }
        }
        assertThat(signs.of(host)).noneMatch(s -> s.source.equals("config"));
    }

    @Test
    void givenPathUnderPriv_then400NamingItAndNothingStored() throws SQLException {
        Map<String, String> files = PveFiles.node();
        files.put("etc/pve/priv/token.cfg", "root@pam!ci 1b2c3d4e-0000-0000-0000-000000000000\n");
        push(Tars.of(files)).statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("etc/pve/priv/token.cfg"))
                .body("detail", containsString("never sent"));
        assertNothingStored();
    }

    @Test
    void givenUnknownPathOrSymlink_then400ListingTheDocumentedPaths() throws SQLException {
        Map<String, String> files = PveFiles.node();
        files.put("etc/shadow", "root:*:19000:0:99999:7:::\n");
        push(Tars.of(files)).statusCode(400).body("detail", containsString("'etc/shadow' is not a file"))
                .body("detail", containsString("etc/pve/qemu-server/<vmid>.conf"));
        push(Tars.raw("etc/hosts", new byte[0], '2')).statusCode(400).body("detail", containsString("etc/hosts"));
        assertNothingStored();
    }

    @Test
    void givenFileNotUtf8OrBodyNotATar_then400AndNothingStored() throws SQLException {
        push(Tars.raw("etc/hosts", new byte[] {'1', '2', '7', ' ', (byte) 0xC3, 0x28, '\n'}, '0')).statusCode(400)
                .body("title", equalTo("Body not UTF-8")).body("detail", containsString("etc/hosts"));
        push("auto lo\niface lo inet loopback\n".getBytes(StandardCharsets.UTF_8)).statusCode(400)
                .body("detail", containsString("tar"));
        push(new byte[] {0x1F, (byte) 0x8B, 1, 2, 3}).statusCode(400).body("detail", containsString("gzip"));
        assertNothingStored();
    }

    @Test
    void givenUnparsableLines_thenEachRefusedWithItsFileAndTheRestTaken() {
        Map<String, String> files = PveFiles.node();
        files.put("etc/pve/qemu-server/101.conf", PveFiles.QEMU_101.replace("cores: 2\n",
                "cores: 2\nthis is not a config line\n"));
        files.put("packages.txt", PveFiles.PACKAGES + "no-tab-here 1.0\n");

        push(Tars.of(files)).statusCode(200).body("baselines", equalTo(8)).body("rejectedCount", equalTo(2))
                .body("rejected[0].file", equalTo("etc/pve/qemu-server/101.conf"))
                .body("rejected[0].lineNumber", equalTo(5))
                .body("rejected[0].line", equalTo("this is not a config line"))
                .body("rejected[1].file", equalTo("packages.txt"))
                .body("rejected[1].lineNumber", equalTo(4));
    }
}
