package changeledger.ingestion.rest;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static changeledger.support.UpidBuilder.upid;
import static org.assertj.core.api.Assertions.assertThat;

import changeledger.support.TaskLines;
import changeledger.support.TestCertificates;
import changeledger.support.TlsTestProfile;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs docker/changeledger-collect.sh against the service serving HTTPS with a certificate from a private CA: pinned
 * by that CA or by the server's public key it delivers; pinned to anything else it sends nothing and says why.
 */
@QuarkusTest
@TestProfile(TlsTestProfile.class)
class CollectorOverTlsTest {

    @TestHTTPResource(tls = true)
    URL https;

    @Inject
    AgroalDataSource dataSource;

    @TempDir
    Path node;

    private String hostId;

    @BeforeEach
    void overHttps() {
        RestAssured.baseURI = "https://localhost";
        RestAssured.port = https.getPort();
        RestAssured.trustStore(TlsTestProfile.certificates().caStore().toFile(), TestCertificates.PASSWORD);
    }

    @AfterEach
    void reset() {
        RestAssured.reset();
    }

    @Test
    void givenTheServiceCa_whenTheCollectorPinsIt_thenTasksAndTheHeartbeatArrive() throws Exception {
        Map<String, String> environment = node("tls-ca", 0, 1);
        environment.put("CHANGELEDGER_CA_FILE", TlsTestProfile.certificates().ca().toString());

        Run run = run(environment);

        assertThat(run.status()).as(run.output()).isZero();
        assertThat(count("ProxmoxTaskFinished")).isEqualTo(2);
        assertThat(as(createKey("reader", hostId)).queryParam("from", "2000-01-01").queryParam("to", "2100-01-01")
                .get("/api/v1/hosts/" + hostId + "/evidence").then().statusCode(200).extract().jsonPath()
                .getList("sources.name", String.class)).as("the heartbeat named its source").contains("task-index");
    }

    @Test
    void givenASelfSignedStyleSetup_whenTheCollectorPinsOnlyThePublicKey_thenTasksArrive() throws Exception {
        Map<String, String> environment = node("tls-pin", 0, 1, 2);
        environment.put("CHANGELEDGER_PINNED_KEY", TlsTestProfile.certificates().publicKeyPin());

        Run run = run(environment);

        assertThat(run.status()).as(run.output()).isZero();
        assertThat(count("ProxmoxTaskFinished")).isEqualTo(3);
    }

    @Test
    void givenAnotherCa_whenTheCollectorPinsIt_thenItFailsSayingWhyAndSendsNothing() throws Exception {
        Map<String, String> environment = node("tls-wrong-ca", 0);
        TestCertificates other = TestCertificates.in(node.resolve("other-ca"), "some other CA");
        environment.put("CHANGELEDGER_CA_FILE", other.ca().toString());

        Run run = run(environment);

        assertThat(run.status()).isNotZero();
        assertThat(run.output()).contains("no TLS connection to " + environment.get("CHANGELEDGER_URL"))
                .contains("(curl exit 60)").contains("nothing was sent");
        assertThat(count("ProxmoxTaskFinished")).isZero();
        assertThat(node.resolve("state/task-index.offset")).as("the lines are sent again next time").doesNotExist();
    }

    @Test
    void givenAnotherPublicKey_whenTheCollectorPinsIt_thenItFailsSayingWhyAndSendsNothing() throws Exception {
        Map<String, String> environment = node("tls-wrong-pin", 0);
        environment.put("CHANGELEDGER_PINNED_KEY", TestCertificates.in(node.resolve("other-key"), "some other CA")
                .publicKeyPin());

        Run run = run(environment);

        assertThat(run.status()).isNotZero();
        assertThat(run.output()).contains("(curl exit 90)").contains("nothing was sent");
        assertThat(count("ProxmoxTaskFinished")).isZero();
    }

    /** A node whose task index holds finished tasks {@code starts}, and the collector's settings for it. */
    private Map<String, String> node(String prefix, int... starts) throws IOException {
        hostId = registerHost(prefix, "lab", "pve-lab");
        Path tasks = Files.createDirectories(node.resolve("tasks"));
        StringBuilder index = new StringBuilder();
        for (int i : starts) {
            Instant start = Instant.parse("2026-11-03T08:00:00Z").plusSeconds(600L * i);
            String upid = upid().node("pve-lab").startTime(start).type("qmstart").id(String.valueOf(100 + i)).text();
            index.append(TaskLines.index(upid, start.plusSeconds(30), "OK")).append('\n');
        }
        Files.writeString(tasks.resolve("index"), index);
        Map<String, String> environment = new HashMap<>();
        environment.put("CHANGELEDGER_URL", "https://localhost:" + https.getPort());
        environment.put("CHANGELEDGER_HOST", hostId);
        environment.put("CHANGELEDGER_TOKEN", createKey("ingester", hostId));
        environment.put("CHANGELEDGER_STATE_DIR", node.resolve("state").toString());
        environment.put("PVE_TASK_DIR", tasks.toString());
        environment.put("PVE_ACCESS_LOG", node.resolve("access.log").toString());
        environment.put("CHANGELEDGER_COLLECTOR_ENV", node.resolve("none.env").toString());
        return environment;
    }

    private record Run(int status, String output) {
    }

    private static Run run(Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", Path.of("docker/changeledger-collect.sh").toAbsolutePath()
                .toString()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.exitValue(), output);
    }

    private long count(String type) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select count(*) from domain_event where event_type = ? and aggregate_id like ?")) {
            s.setString(1, type);
            s.setString(2, hostId + "/%");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
