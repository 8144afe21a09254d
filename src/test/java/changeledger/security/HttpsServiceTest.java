package changeledger.security;

import static changeledger.support.Api.asAdmin;
import static changeledger.support.Api.uniqueHostId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import changeledger.support.TestCertificates;
import changeledger.support.TlsTestProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.ConnectException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service with a certificate configured: HTTPS only, and what it builds from the request knows it. */
@QuarkusTest
@TestProfile(TlsTestProfile.class)
class HttpsServiceTest {

    @TestHTTPResource(tls = true)
    URL https;

    @TestHTTPResource
    URL plain;

    @BeforeEach
    void overHttps() {
        TestCertificates certificates = TlsTestProfile.certificates();
        RestAssured.baseURI = "https://localhost";
        RestAssured.port = https.getPort();
        RestAssured.trustStore(certificates.caStore().toFile(), TestCertificates.PASSWORD);
    }

    @AfterEach
    void reset() {
        RestAssured.reset();
    }

    @Test
    void givenACertificate_whenAClientTriesPlainHttp_thenThePortIsNotOpen() {
        HttpRequest health = HttpRequest.newBuilder(URI.create(plain.toString() + "q/health")).build();

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(health, HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(ConnectException.class);
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void givenHttpsFromLoopback_whenTheSignInFormIsServed_thenItsCookieIsSecure() {
        Response form = given().get("/sign-in");

        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.getHeaders().getValues("Set-Cookie")).filteredOn(c -> c.startsWith("changeledger_signin="))
                .singleElement().satisfies(c -> assertThat(c).contains("Secure").contains("HttpOnly"));
    }

    @Test
    void givenHttps_whenTheServiceAnswersWithALocation_thenItNamesHttps() {
        String id = uniqueHostId("tls");
        String created = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", "Host " + id, "role", "lab", "node", "pve-lab"))
                .post("/api/v1/hosts").then().statusCode(201).extract().header("Location");
        String signIn = given().redirects().follow(false).get("/").then().statusCode(303).extract()
                .header("Location");

        assertThat(created).isEqualTo("https://localhost:" + https.getPort() + "/api/v1/hosts/" + id);
        assertThat(signIn).isEqualTo("https://localhost:" + https.getPort() + "/sign-in");
    }
}
