package changeledger.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a refused request is told, without HTTP types: the members of an RFC 9457 problem detail.
 *
 * @param type     a URI naming the kind of problem ({@code about:blank} for plain statuses)
 * @param title    a short summary of the kind
 * @param status   the status code the answer carries
 * @param detail   what went wrong here and what to do about it
 * @param instance the request path, or null
 * @param extra    additional members (e.g. the current status of a resource), or null
 */
public record Fault(String type, String title, int status, String detail, String instance,
                    Map<String, Object> extra) {

    /** A fault with the standard title of its status. */
    public static Fault of(int status, String detail) {
        return of(status, reason(status), detail);
    }

    /** A fault of a named kind. */
    public static Fault of(int status, String title, String detail) {
        return new Fault("about:blank", title, status, detail, null, null);
    }

    /** The same fault with extra members. */
    public Fault with(Map<String, Object> members) {
        return new Fault(type, title, status, detail, instance, members);
    }

    /** The problem document: the RFC 9457 members, then the extra ones. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        if (extra != null) {
            extra.forEach(body::putIfAbsent);
        }
        return body;
    }

    /** The standard reason phrase of the statuses faults carry (as JAX-RS names them). */
    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 413 -> "Request Entity Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 502 -> "Bad Gateway";
            default -> throw new IllegalArgumentException("no reason phrase for status " + status);
        };
    }
}
