package changeledger.host;

import static changeledger.support.Api.asAdmin;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static changeledger.support.Api.uniqueHostId;
import static changeledger.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class HostResourceTest {

    @Nested
    class Registration {

        @Test
        void givenInfrastructureHost_whenRegistered_thenRoleDefaultsApply() {
            String id = uniqueHostId("infra");

            asAdmin().contentType(ContentType.JSON)
                    .body(Map.of("id", id, "name", "Infra", "role", "infrastructure", "node", "pve-infra"))
                    .post("/api/v1/hosts")
                    .then().statusCode(201)
                    .header("Location", containsString("/api/v1/hosts/" + id))
                    .body("id", equalTo(id))
                    .body("zone", equalTo("secured"))
                    .body("cluster", nullValue())
                    .body("policy.requireChangeRequests", equalTo(true))
                    .body("policy.monthlyChangeBudget", equalTo(4))
                    .body("policy.monthlyDisruptionMinutes", equalTo(30))
                    .body("sync.lastSuccess", nullValue());
        }

        @Test
        void givenLabHost_whenRegistered_thenNoRequestsAndNoBudget() {
            String id = registerHost("lab", "lab", "pve-lab");

            asAdmin().get("/api/v1/hosts/" + id).then().statusCode(200)
                    .body("role", equalTo("lab"))
                    .body("policy.requireChangeRequests", equalTo(false))
                    .body("policy.monthlyChangeBudget", nullValue());
        }

        @Test
        void givenExistingId_whenRegisteredAgain_thenConflict() {
            String id = registerHost("dup", "lab", "pve-lab");

            asAdmin().contentType(ContentType.JSON)
                    .body(Map.of("id", id, "name", "Again", "role", "lab", "node", "pve-lab"))
                    .post("/api/v1/hosts")
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString("already registered"));
        }

        @Test
        void givenUnknownField_thenBadRequestNamingIt() {
            asAdmin().contentType(ContentType.JSON)
                    .body(Map.of("id", uniqueHostId("x"), "name", "X", "role", "lab", "node", "pve", "colour", "red"))
                    .post("/api/v1/hosts")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString("'colour'"));
        }

        @Test
        void givenWrongRole_thenBadRequestNamingTheChoices() {
            asAdmin().contentType(ContentType.JSON)
                    .body(Map.of("id", uniqueHostId("x"), "name", "X", "role", "prod", "node", "pve"))
                    .post("/api/v1/hosts")
                    .then().statusCode(400).body("detail", containsString("infrastructure or lab"));
        }

        @Test
        void givenInvalidSlug_thenBadRequest() {
            asAdmin().contentType(ContentType.JSON)
                    .body(Map.of("id", "Not A Slug", "name", "X", "role", "lab", "node", "pve"))
                    .post("/api/v1/hosts")
                    .then().statusCode(400).body("detail", containsString("slug"));
        }

        @Test
        void givenWrongType_thenBadRequestNamingTheField() {
            asAdmin().contentType(ContentType.JSON)
                    .body("{\"id\":\"" + uniqueHostId("x") + "\",\"name\":\"X\",\"role\":\"lab\",\"node\":\"pve\","
                            + "\"policy\":{\"requireChangeRequests\":\"perhaps\"}}")
                    .post("/api/v1/hosts")
                    .then().statusCode(400).body("detail", containsString("requireChangeRequests"));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "{\"name\":5}|name",
            "{\"policy\":{\"requireChangeRequests\":\"true\"}}|requireChangeRequests",
            "{\"policy\":{\"requireChangeRequests\":true,\"monthlyChangeBudget\":4.9}}|monthlyChangeBudget",
            "{\"policy\":{\"requireChangeRequests\":true,\"monthlyChangeBudget\":\"4\"}}|monthlyChangeBudget"
        })
        void givenScalarOfTheWrongType_thenBadRequestNamingTheFieldInsteadOfConverting(String override, String field) {
            String base = "{\"id\":\"" + uniqueHostId("t") + "\",\"name\":\"T\",\"role\":\"lab\",\"node\":\"pve\"";
            String body = base + "," + override.substring(1, override.length() - 1) + "}";
            String json = body.contains("\"name\":5") ? body.replace("\"name\":\"T\",", "") : body;

            asAdmin().contentType(ContentType.JSON).body(json).post("/api/v1/hosts")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString(field));
        }

        @Test
        void givenMalformedJson_thenBadRequest() {
            asAdmin().contentType(ContentType.JSON).body("{\"id\": ")
                    .post("/api/v1/hosts")
                    .then().statusCode(400).contentType("application/problem+json");
        }
    }

    @Nested
    class PolicyAndCluster {

        @Test
        void givenHost_whenPolicyReplaced_thenNewPolicyShown() {
            String id = registerHost("pol", "infrastructure", "pve-infra");

            asAdmin().contentType(ContentType.JSON)
                    .body("{\"requireChangeRequests\":true,\"monthlyChangeBudget\":2,\"monthlyDisruptionMinutes\":null}")
                    .put("/api/v1/hosts/" + id + "/policy")
                    .then().statusCode(200)
                    .body("policy.monthlyChangeBudget", equalTo(2))
                    .body("policy.monthlyDisruptionMinutes", nullValue());
            asAdmin().get("/api/v1/hosts/" + id).then().body("policy.monthlyChangeBudget", equalTo(2));
        }

        @Test
        void givenNegativeBudget_thenBadRequest() {
            String id = registerHost("pol", "infrastructure", "pve-infra");

            asAdmin().contentType(ContentType.JSON)
                    .body("{\"requireChangeRequests\":true,\"monthlyChangeBudget\":-1}")
                    .put("/api/v1/hosts/" + id + "/policy")
                    .then().statusCode(400).body("detail", containsString("monthlyChangeBudget"));
        }

        @Test
        void givenHost_whenJoiningAndLeavingCluster_thenShown_andJoiningASecondIsConflict() {
            String id = registerHost("clu", "lab", "pve-lab");

            asAdmin().contentType(ContentType.JSON).body("{\"cluster\":\"homelab\"}")
                    .put("/api/v1/hosts/" + id + "/cluster").then().statusCode(200).body("cluster", equalTo("homelab"));
            asAdmin().contentType(ContentType.JSON).body("{\"cluster\":\"other\"}")
                    .put("/api/v1/hosts/" + id + "/cluster").then().statusCode(409)
                    .body("detail", containsString("leave it first"));
            asAdmin().contentType(ContentType.JSON).body("{\"cluster\":null}")
                    .put("/api/v1/hosts/" + id + "/cluster").then().statusCode(200).body("cluster", nullValue());
        }
    }

    @Nested
    class Visibility {

        @Test
        void givenReaderLimitedToOneHost_thenOtherHostIsIndistinguishableFromUnknown() {
            String mine = registerHost("mine", "lab", "pve-lab");
            String other = registerHost("other", "infrastructure", "pve-infra");
            String reader = createKey("reader", mine);

            as(reader).get("/api/v1/hosts").then().statusCode(200)
                    .body("items.id", hasItem(mine)).body("items.id", not(hasItem(other)));
            String unknownDetail = as(reader).get("/api/v1/hosts/no-such-host").then().statusCode(404)
                    .extract().path("detail");
            as(reader).get("/api/v1/hosts/" + other).then().statusCode(404)
                    .body("detail", equalTo(unknownDetail.replace("no-such-host", other)));
        }

        @Test
        void givenDeclaredHostInConfiguration_thenRegisteredAtStartWithOverrides() {
            asAdmin().get("/api/v1/hosts/declared-test-host").then().statusCode(200)
                    .body("node", equalTo("pve-declared"))
                    .body("policy.monthlyChangeBudget", equalTo(7))
                    .body("policy.monthlyDisruptionMinutes", equalTo(30));
        }
    }
}
