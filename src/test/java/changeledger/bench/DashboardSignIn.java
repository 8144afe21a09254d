package changeledger.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signs in to the dashboard as a browser does: the sign-in form with its double-submit cookie and {@code _csrf} field,
 * then the API key posted with both; answers the session cookie (ADR 0041).
 */
final class DashboardSignIn {

    static final String SESSION_COOKIE = "changeledger_session";
    private static final String SIGN_IN_COOKIE = "changeledger_signin";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private DashboardSignIn() {
    }

    /** The session cookie's value for {@code apiKey}; fails unless every step answers as a browser expects. */
    static String session(HttpClient http, String base, String apiKey) throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base + "/sign-in"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (form.statusCode() != 200) {
            throw new IllegalStateException("GET /sign-in answered " + form.statusCode());
        }
        String body = "_csrf=" + encode(csrf(form.body())) + "&apiKey=" + encode(apiKey);
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(base + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", SIGN_IN_COOKIE + "=" + cookie(form, SIGN_IN_COOKIE))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 303) {
            throw new IllegalStateException("POST /sign-in answered " + signedIn.statusCode() + ": " + signedIn.body());
        }
        return cookie(signedIn, SESSION_COOKIE);
    }

    /** The {@code _csrf} field's value in a page. */
    static String csrf(String html) {
        Matcher matcher = CSRF.matcher(html);
        if (!matcher.find()) {
            throw new IllegalStateException("no _csrf field in the sign-in form");
        }
        return matcher.group(1);
    }

    /** The value a response's {@code Set-Cookie} gives cookie {@code name}; fails when it sets none or an empty one. */
    static String cookie(HttpResponse<?> response, String name) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            if (header.startsWith(name + "=")) {
                int end = header.indexOf(';');
                String value = header.substring(name.length() + 1, end < 0 ? header.length() : end);
                if (!value.isEmpty()) {
                    return value;
                }
            }
        }
        throw new IllegalStateException("no cookie " + name + " in " + response.headers().allValues("Set-Cookie"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
