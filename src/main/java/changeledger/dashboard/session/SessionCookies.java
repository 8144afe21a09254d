package changeledger.dashboard.session;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.NewCookie;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The dashboard's cookies: {@code HttpOnly}, {@code SameSite=Strict}, path {@code /}, and {@code Secure} unless the
 * browser talks to the service directly over plain HTTP on a loopback address (a first look on one's own machine).
 */
public final class SessionCookies {

    /** The session cookie. */
    public static final String SESSION = "changeledger_session";
    /** The sign-in form's double-submit cookie (before there is a session). */
    public static final String SIGN_IN = "changeledger_signin";

    private SessionCookies() {
    }

    /** A cookie holding {@code value} for the browser session. */
    public static NewCookie of(String name, String value, HttpServerRequest request) {
        return new NewCookie.Builder(name).value(value).path("/").httpOnly(true).secure(secure(request))
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    /** A cookie that removes {@code name}. */
    public static NewCookie cleared(String name, HttpServerRequest request) {
        return new NewCookie.Builder(name).value("").path("/").httpOnly(true).secure(secure(request))
                .sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
    }

    /** Secure except for plain HTTP straight from a loopback peer with no proxy in between. */
    static boolean secure(HttpServerRequest request) {
        if (request.isSSL() || request.getHeader("X-Forwarded-For") != null
                || request.getHeader("X-Forwarded-Proto") != null || request.getHeader("Forwarded") != null) {
            return true;
        }
        return request.remoteAddress() == null || !loopback(request.remoteAddress().hostAddress());
    }

    private static boolean loopback(String address) {
        if (address == null || address.isEmpty() || !Character.isDigit(address.charAt(0)) && address.indexOf(':') < 0) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
