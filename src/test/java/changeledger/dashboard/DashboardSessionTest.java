package changeledger.dashboard;

import static changeledger.support.Api.asAdmin;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.createKeyWithId;
import static changeledger.support.Api.registerHost;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Dashboard sign-in: the session cookie, CSRF on every form, sign-out, revocation, and no cookie on the API. */
@QuarkusTest
class DashboardSessionTest {

    @Nested
    class SignIn {

        @Test
        void givenReaderKey_whenSignedIn_thenCookieIsHttpOnlyStrictAndNotSecureOnLoopback() {
            Response form = given().get("/sign-in");
            String csrf = DashboardClient.csrf(form.asString());
            assertThat(form.asString()).contains("type=\"password\"");

            Response signedIn = given().redirects().follow(false).cookie("changeledger_signin",
                            form.getCookie("changeledger_signin")).formParam("_csrf", csrf)
                    .formParam("apiKey", createKey("reader")).post("/sign-in");

            assertThat(signedIn.statusCode()).isEqualTo(303);
            String setCookie = signedIn.getHeaders().getValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("changeledger_session=")).findFirst().orElseThrow();
            assertThat(setCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict")
                    .doesNotContainIgnoringCase("Secure");
        }

        @Test
        void givenProxiedRequest_whenSignedIn_thenCookieIsSecure() {
            Response form = given().header("X-Forwarded-For", "203.0.113.9").get("/sign-in");
            assertThat(form.getHeaders().getValues("Set-Cookie")).anyMatch(c -> c.contains("Secure"));
        }

        @Test
        void givenUnknownKey_whenSigningIn_thenRefusedWithoutSession() {
            Response form = given().get("/sign-in");
            Response refused = given().redirects().follow(false).cookie("changeledger_signin",
                            form.getCookie("changeledger_signin")).formParam("_csrf", DashboardClient.csrf(form.asString()))
                    .formParam("apiKey", "clk_not-a-key").post("/sign-in");
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.getCookie("changeledger_session")).isNull();
            assertThat(refused.asString()).contains("unknown or revoked");
        }

        @Test
        void givenSignInWithoutItsToken_whenPosted_thenRefused() {
            given().redirects().follow(false).formParam("apiKey", createKey("reader")).post("/sign-in")
                    .then().statusCode(403).contentType(containsString("text/html"));
        }

        @Test
        void givenNoSession_whenOpeningAPage_thenSentToSignIn() {
            given().redirects().follow(false).get("/events").then().statusCode(303)
                    .header("Location", containsString("/sign-in"));
        }
    }

    @Nested
    class Forms {

        @Test
        void givenSession_whenFormLacksCsrfToken_thenRefusedAndNothingStored() {
            String host = registerHost("csrf", "lab", "pve-csrf");
            DashboardClient submitter = DashboardClient.signIn(createKey("submitter", host));

            Response forged = submitter.request().formParam("hostId", host).formParam("target", "node")
                    .formParam("title", "forged").formParam("plannedStart", "2026-11-02T10:00")
                    .formParam("plannedEnd", "2026-11-02T11:00").formParam("risk", "low").post("/change-requests");
            Response wrong = submitter.request().formParam("_csrf", "not-the-token").formParam("hostId", host)
                    .formParam("title", "forged").post("/change-requests");

            assertThat(forged.statusCode()).isEqualTo(403);
            assertThat(wrong.statusCode()).isEqualTo(403);
            assertThat(forged.asString()).contains("did not carry the token");
            asAdmin().queryParam("host", host).get("/api/v1/change-requests").then().statusCode(200)
                    .body("items", org.hamcrest.Matchers.empty());
        }

        @Test
        void givenSignOut_whenUsingTheOldCookie_thenSentToSignIn() {
            DashboardClient reader = DashboardClient.signIn(createKey("reader"));
            reader.form().post("/sign-out").then().statusCode(303);
            reader.request().get("/").then().statusCode(303).header("Location", containsString("/sign-in"));
        }

        @Test
        void givenRevokedKey_whenItsSessionOpensAPage_thenSentToSignIn() {
            Map<String, String> key = createKeyWithId("reader");
            DashboardClient reader = DashboardClient.signIn(key.get("token"));
            reader.request().get("/").then().statusCode(200);
            asAdmin().delete("/api/v1/api-keys/" + key.get("id")).then().statusCode(204);
            reader.request().get("/").then().statusCode(303).header("Location", containsString("/sign-in"));
        }
    }

    @Nested
    class Scope {

        @Test
        void givenSessionCookie_whenCallingTheApi_thenUnauthorized() {
            DashboardClient reader = DashboardClient.signIn(createKey("reader"));
            reader.request().get("/api/v1/hosts").then().statusCode(401);
        }

        @Test
        void givenHostLimitedKey_whenOpeningAnotherHost_thenNotFoundAndNotListed() {
            String mine = registerHost("mine", "lab", "pve-mine");
            String other = registerHost("other", "infrastructure", "pve-other");
            DashboardClient limited = DashboardClient.signIn(createKey("approver", mine));

            limited.request().get("/").then().statusCode(200).body(containsString("host-" + mine))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .body(not(containsString(other)));
            limited.request().get("/hosts/" + other).then().statusCode(404).contentType(containsString("text/html"))
                    .header("Content-Security-Policy", containsString("default-src 'none'"))
                    .body(not(containsString("pve-other")));
            limited.request().get("/events?host=" + other).then().statusCode(404);
            limited.request().get("/reports/view?host=" + other).then().statusCode(404);
            limited.request().get("/admin").then().statusCode(403);
        }

        @Test
        void givenReader_whenPostingAChangeRequest_thenForbidden() {
            String host = registerHost("readonly", "lab", "pve-ro");
            DashboardClient reader = DashboardClient.signIn(createKey("reader", host));
            reader.form().formParam("hostId", host).formParam("target", "node").formParam("title", "t")
                    .formParam("plannedStart", "2026-11-02T10:00").formParam("plannedEnd", "2026-11-02T11:00")
                    .formParam("risk", "low").post("/change-requests").then().statusCode(403);
        }
    }
}
