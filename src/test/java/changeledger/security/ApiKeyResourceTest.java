package changeledger.security;

import static changeledger.support.Api.as;
import static changeledger.support.Api.asAdmin;
import static changeledger.support.Api.createKeyWithId;
import static changeledger.support.Api.registerHost;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.StoredEvent;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiKeyResourceTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EventStore store;

    @Test
    void givenNewKey_thenTokenShownOnceAndWorksAtOnce_andListHasNoSecret() {
        Map<String, String> key = createKeyWithId("reader");

        assertThat(key.get("token")).startsWith("clk_").hasSizeGreaterThanOrEqualTo(4 + 43);
        as(key.get("token")).get("/api/v1/hosts").then().statusCode(200);
        String list = asAdmin().get("/api/v1/api-keys").then().statusCode(200)
                .body("items.id", hasItem(key.get("id"))).extract().asString();
        assertThat(list).doesNotContain(key.get("token")).doesNotContain(Tokens.sha256(key.get("token")));
    }

    @Test
    void givenKeyTable_thenNoTokenCanBeReadFromTheDatabase() throws Exception {
        Map<String, String> key = createKeyWithId("submitter");

        StringBuilder everything = new StringBuilder();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select k::text from api_key k union all "
                     + "select e::text from domain_event e where aggregate_type = 'ApiKey'")) {
            while (rs.next()) {
                everything.append(rs.getString(1)).append('\n');
            }
        }
        assertThat(everything).contains(key.get("id")).doesNotContain(key.get("token"))
                .doesNotContain(key.get("token").substring(4));
    }

    @Test
    void givenRevokedKey_thenNextRequestIs401() {
        Map<String, String> key = createKeyWithId("reader");
        as(key.get("token")).get("/api/v1/hosts").then().statusCode(200);

        asAdmin().delete("/api/v1/api-keys/" + key.get("id") + "?reason=laptop stolen").then().statusCode(204);

        as(key.get("token")).get("/api/v1/hosts").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"));
        asAdmin().get("/api/v1/api-keys").then()
                .body("items.find { it.id == '" + key.get("id") + "' }.active", equalTo(false));
        List<StoredEvent> events = store.readStream(new AggregateRef("ApiKey", key.get("id")));
        assertThat(events).extracting(StoredEvent::type).containsExactly("ApiKeyCreated", "ApiKeyRevoked");
        assertThat(events.get(1).metadata().get("actorKeyId").asText()).isEqualTo(Caller.BOOTSTRAP_KEY_ID);
    }

    @Test
    void givenNoKey_then401WithChallengeAndProblem() {
        given().get("/api/v1/hosts").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .contentType("application/problem+json")
                .body("detail", containsString("Authorization: Bearer"));
    }

    @Test
    void givenIngesterWithoutHosts_thenBadRequest() {
        asAdmin().contentType(ContentType.JSON).body(Map.of("name", "collector", "role", "ingester", "hosts", List.of()))
                .post("/api/v1/api-keys").then().statusCode(400).body("detail", containsString("must name its hosts"));
    }

    @Test
    void givenHostsMissingOrNull_thenBadRequestAskingForThem() {
        asAdmin().contentType(ContentType.JSON).body("{\"name\": \"k\", \"role\": \"reader\"}")
                .post("/api/v1/api-keys").then().statusCode(400).body("detail", containsString("'hosts' is required"));
        asAdmin().contentType(ContentType.JSON).body("{\"name\": \"k\", \"role\": \"admin\", \"hosts\": null}")
                .post("/api/v1/api-keys").then().statusCode(400).body("detail", containsString("[] for all hosts"));
    }

    @Test
    void givenUnknownHostOrRole_thenBadRequestSaysWhich() {
        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "k", "role", "reader", "hosts", List.of("nowhere")))
                .post("/api/v1/api-keys").then().statusCode(400).body("detail", containsString("nowhere"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("name", "k", "role", "root"))
                .post("/api/v1/api-keys").then().statusCode(400).body("detail", containsString("ingester"));
    }

    @Test
    void givenRequest_thenEventMetadataNamesKeyRequestAndClient_andRequestIdIsEchoed() {
        Map<String, String> admin = createKeyWithId("admin");
        String host = registerHost("meta", "lab", "pve-lab");

        as(admin.get("token")).header("X-Request-ID", "req-4711").header("X-Forwarded-For", "192.0.2.7")
                .contentType(ContentType.JSON).body("{\"cluster\":\"c1\"}")
                .put("/api/v1/hosts/" + host + "/cluster")
                .then().statusCode(200).header("X-Request-ID", "req-4711");

        StoredEvent joined = store.readStream(new AggregateRef("Host", host)).get(1);
        assertThat(joined.metadata().get("actorKeyId").asText()).isEqualTo(admin.get("id"));
        assertThat(joined.metadata().get("requestId").asText()).isEqualTo("req-4711");
        assertThat(joined.metadata().get("clientAddress").asText()).isEqualTo("192.0.2.7");
        assertThat(joined.metadata().get("source").asText()).isEqualTo("api");
    }

    @Test
    void givenNoRequestId_thenOneIsGeneratedAndReturned() {
        given().get("/api/v1/hosts").then().header("X-Request-ID", notNullValue())
                .header("X-Request-ID", not(equalTo("")));
    }
}
