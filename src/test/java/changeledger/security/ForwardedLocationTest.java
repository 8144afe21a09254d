package changeledger.security;

import static changeledger.support.Api.asAdmin;
import static changeledger.support.Api.uniqueHostId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behind a trusted TLS proxy (the test profile trusts loopback), the Locations the service makes name https. */
@QuarkusTest
class ForwardedLocationTest {

    @TestHTTPResource
    URL service;

    @Test
    void givenATrustedProxyThatEndedTls_whenAHostIsCreated_thenItsLocationNamesHttps() {
        String id = uniqueHostId("proxied");
        String location = asAdmin().header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "203.0.113.7")
                .contentType(ContentType.JSON).body(Map.of("id", id, "name", "Host " + id, "role", "lab",
                        "node", "pve-lab"))
                .post("/api/v1/hosts").then().statusCode(201).extract().header("Location");

        assertThat(location).isEqualTo("https://localhost:" + service.getPort() + "/api/v1/hosts/" + id);
    }

    @Test
    void givenATrustedProxyThatEndedTls_whenTheDashboardSendsToSignIn_thenTheRedirectNamesHttps() {
        String proxied = given().redirects().follow(false).header("X-Forwarded-Proto", "https").get("/")
                .then().statusCode(303).extract().header("Location");
        String direct = given().redirects().follow(false).get("/").then().statusCode(303).extract().header("Location");

        assertThat(proxied).isEqualTo("https://localhost:" + service.getPort() + "/sign-in");
        assertThat(direct).isEqualTo("http://localhost:" + service.getPort() + "/sign-in");
    }

    @Test
    void givenAnUntrustedPeerOrPlainProto_whenRewriting_thenTheLocationStays() {
        String location = "http://changeledger.example/sign-in";

        assertThat(ForwardedLocationFilter.rewrite(location, false, "https")).isEqualTo(location);
        assertThat(ForwardedLocationFilter.rewrite(location, true, "http")).isEqualTo(location);
        assertThat(ForwardedLocationFilter.rewrite(location, true, null)).isEqualTo(location);
        assertThat(ForwardedLocationFilter.rewrite(location, true, "https, http"))
                .isEqualTo("https://changeledger.example/sign-in");
    }
}
