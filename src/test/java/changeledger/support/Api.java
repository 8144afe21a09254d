package changeledger.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test helpers that talk to the running service over real HTTP, as a client would. */
public final class Api {

    /** The bootstrap admin token of the test profile. */
    public static final String ADMIN_TOKEN = "test-bootstrap-admin-token";

    private Api() {
    }

    /** A request with a bearer token. */
    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    /** A request as the bootstrap admin. */
    public static RequestSpecification asAdmin() {
        return as(ADMIN_TOKEN);
    }

    /** A unique host id with a readable prefix. */
    public static String uniqueHostId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Registers a host and returns its id. */
    public static String registerHost(String prefix, String role, String node) {
        String id = uniqueHostId(prefix);
        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", "Host " + id, "role", role, "node", node))
                .post("/api/v1/hosts").then().statusCode(201);
        return id;
    }

    /** Creates a key and returns its token. */
    public static String createKey(String role, String... hosts) {
        return asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", role + " key " + UUID.randomUUID().toString().substring(0, 6), "role", role,
                        "hosts", List.of(hosts)))
                .post("/api/v1/api-keys").then().statusCode(201).extract().path("token");
    }

    /** Creates a key and returns {id, token}. */
    public static Map<String, String> createKeyWithId(String role, String... hosts) {
        var response = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "key-" + UUID.randomUUID().toString().substring(0, 6), "role", role,
                        "hosts", List.of(hosts)))
                .post("/api/v1/api-keys").then().statusCode(201).extract();
        return Map.of("id", response.path("id"), "token", response.path("token"));
    }
}
