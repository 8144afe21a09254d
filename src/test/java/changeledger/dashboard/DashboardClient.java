package changeledger.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-less dashboard client for tests: signs in through the form and keeps the session cookie and CSRF token. */
final class DashboardClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    final String session;
    final String csrf;

    private DashboardClient(String session, String csrf) {
        this.session = session;
        this.csrf = csrf;
    }

    /** Signs in with {@code apiKey} through the sign-in form. */
    static DashboardClient signIn(String apiKey) {
        Response form = given().redirects().follow(false).get("/sign-in");
        String token = csrf(form.asString());
        Response signedIn = given().redirects().follow(false).cookie("changeledger_signin", form.getCookie(
                "changeledger_signin")).formParam("_csrf", token).formParam("apiKey", apiKey).post("/sign-in");
        assertThat(signedIn.statusCode()).as(signedIn.asString()).isEqualTo(303);
        String session = signedIn.getCookie("changeledger_session");
        assertThat(session).isNotBlank();
        String home = given().redirects().follow(false).cookie("changeledger_session", session).get("/").asString();
        return new DashboardClient(session, csrf(home));
    }

    /** A request with this session's cookie, redirects not followed. */
    RequestSpecification request() {
        return given().redirects().follow(false).cookie("changeledger_session", session);
    }

    /** A form post with the session's CSRF token. */
    RequestSpecification form() {
        return request().formParam("_csrf", csrf);
    }

    static String csrf(String html) {
        Matcher matcher = CSRF.matcher(html);
        assertThat(matcher.find()).as("a CSRF field in %s", html).isTrue();
        return matcher.group(1);
    }
}
