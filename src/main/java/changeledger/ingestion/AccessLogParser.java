package changeledger.ingestion;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses pveproxy access-log lines,
 * {@code <ip> - <user|token|-> [dd/mm/YYYY:HH:MM:SS +zzzz] "<METHOD> <path> HTTP/1.1" <code> <length|->}.
 * Successful (2xx) POST, PUT and DELETE requests under {@code /api2/json/} and {@code /api2/extjs/} (the web
 * UI) are changes unless {@link ApiCallTable} says they are not (logins, consoles, tunnels, guest-agent reads);
 * reads, failed requests and those are ignored; lines that do not parse are rejected.
 */
public final class AccessLogParser {

    private static final Pattern LINE = Pattern.compile("^(\\S+) - (\\S+) \\[(\\d{2})/(\\d{2})/(\\d{4}):"
            + "(\\d{2}):(\\d{2}):(\\d{2}) ([+-])(\\d{2})(\\d{2})\\] "
            + "\"([A-Z]+) (\\S+) (HTTP/[0-9.]+)\" (\\d{3}) (\\d+|-)$");
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern MAPPED_IPV4 = Pattern.compile("(?i)::ffff:(\\d{1,3}(\\.\\d{1,3}){3})");
    private static final Pattern API = Pattern.compile("^/api2/(json|extjs)/.*");
    private static final Pattern GUEST = Pattern.compile("^/api2/[a-z]+/nodes/([^/?]+)/(qemu|lxc)/(\\d+)(?:[/?].*)?$");
    private static final Pattern NODE = Pattern.compile("^/api2/[a-z]+/nodes/([^/?]+)(?:[/?].*)?$");
    private static final Set<String> CHANGE_METHODS = Set.of("POST", "PUT", "DELETE");

    private AccessLogParser() {
    }

    /** One outcome per non-blank line, in order. */
    public static List<LineOutcome<ApiCall>> parse(List<String> lines) {
        List<LineOutcome<ApiCall>> outcomes = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                outcomes.add(parseLine(i + 1, lines.get(i)));
            }
        }
        return outcomes;
    }

    /** The outcome of one line. */
    public static LineOutcome<ApiCall> parseLine(int lineNumber, String line) {
        Matcher m = LINE.matcher(line.strip());
        if (!m.matches()) {
            return new LineOutcome.Rejected<>(lineNumber, line, "not a pveproxy access-log line (expected "
                    + "<ip> - <user> [dd/mm/YYYY:HH:MM:SS +zzzz] \"<METHOD> <path> HTTP/1.1\" <code> <length>)");
        }
        if (!ADDRESS.matcher(m.group(1)).matches()) {
            return new LineOutcome.Rejected<>(lineNumber, line, "the client address '" + m.group(1)
                    + "' is not an IP address");
        }
        OffsetDateTime time;
        try {
            int sign = m.group(9).equals("-") ? -1 : 1;
            ZoneOffset offset = ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(m.group(10)),
                    sign * Integer.parseInt(m.group(11)));
            time = OffsetDateTime.of(LocalDateTime.of(Integer.parseInt(m.group(5)), Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7)),
                    Integer.parseInt(m.group(8))), offset);
        } catch (DateTimeException e) {
            return new LineOutcome.Rejected<>(lineNumber, line, "the time is not a valid date: " + e.getMessage());
        }
        String method = m.group(12);
        String path = m.group(13);
        int status = Integer.parseInt(m.group(15));
        String ignored = whyNotAChange(method, path, status);
        if (ignored != null) {
            return new LineOutcome.Ignored<>(lineNumber, line, ignored);
        }
        String user = m.group(2).equals("-") ? null : m.group(2);
        Matcher guest = GUEST.matcher(path);
        Matcher node = NODE.matcher(path);
        Matcher api = API.matcher(path);
        api.matches();
        return new LineOutcome.Accepted<>(lineNumber, line, new ApiCall(address(m.group(1)), user, time, method,
                path, api.group(1), status, guest.matches() ? guest.group(2) : null, guest.matches() ? guest.group(3) : null,
                node.matches() ? node.group(1) : null));
    }

    private static String whyNotAChange(String method, String path, int status) {
        if (!CHANGE_METHODS.contains(method)) {
            return "a " + method + " request does not change anything";
        }
        if (status < 200 || status > 299) {
            return "the request did not succeed (HTTP " + status + ")";
        }
        if (!API.matcher(path).matches()) {
            return "not an API request";
        }
        ApiCallKind kind = ApiCallTable.builtIn().classify(method, path);
        if (!kind.change()) {
            return kind.rule() == ApiCallKind.ClassRule.ACCESS
                    ? "a login, console or tunnel request (" + kind.pattern() + "): access, not a change"
                    : "a read-only guest-agent call (" + kind.pattern() + "): not a change";
        }
        return null;
    }

    private static String address(String logged) {
        Matcher mapped = MAPPED_IPV4.matcher(logged);
        return mapped.matches() ? mapped.group(1) : logged;
    }
}
