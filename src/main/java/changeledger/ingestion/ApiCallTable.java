package changeledger.ingestion;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one definition of what a successful mutating pveproxy call is (PROXMOX.md "Access-log calls"), kept as data in
 * {@code proxmox/access-log-calls.tsv}: its class, the task types it spawns and whether it is a security change or
 * no change at all. The first row that matches a call wins; the last row matches everything.
 */
public final class ApiCallTable {

    static final String RESOURCE = "proxmox/access-log-calls.tsv";

    private static final Pattern API_PREFIX = Pattern.compile("^/api2/(?:json|extjs)(/[^?#]*)?(?:[?#].*)?$");
    private static final Set<String> METHODS = Set.of("POST", "PUT", "DELETE");
    private static final ApiCallTable BUILT_IN = new ApiCallTable(load());

    private final List<Row> rows;

    ApiCallTable(List<Row> rows) {
        if (rows.isEmpty() || !rows.get(rows.size() - 1).path().equals(List.of("**"))) {
            throw new IllegalStateException(RESOURCE + " must end with a row that matches every path (**)");
        }
        this.rows = List.copyOf(rows);
    }

    /** The built-in table. */
    public static ApiCallTable builtIn() {
        return BUILT_IN;
    }

    /** What a call is: the first row that matches its method and path ({@code /api2/json/...}, query allowed). */
    public ApiCallKind classify(String method, String path) {
        List<String> segments = segments(path);
        String upper = method.toUpperCase(Locale.ROOT);
        for (Row row : rows) {
            if (row.methods().contains(upper) && matches(row.path(), 0, segments, 0)) {
                return row.kind();
            }
        }
        throw new IllegalStateException("the last row of " + RESOURCE + " matches every path");
    }

    /** The path's segments after {@code /api2/json} or {@code /api2/extjs}, without the query; empty if it is none. */
    static List<String> segments(String path) {
        Matcher api = API_PREFIX.matcher(path);
        String rest = api.matches() ? api.group(1) : path.replaceFirst("[?#].*$", "");
        if (rest == null) {
            return List.of();
        }
        return Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean matches(List<String> pattern, int p, List<String> path, int s) {
        if (p == pattern.size()) {
            return s == path.size();
        }
        String segment = pattern.get(p);
        if (segment.equals("**")) {
            for (int skip = s; skip <= path.size(); skip++) {
                if (matches(pattern, p + 1, path, skip)) {
                    return true;
                }
            }
            return false;
        }
        return s < path.size() && segmentMatches(segment, path.get(s)) && matches(pattern, p + 1, path, s + 1);
    }

    private static boolean segmentMatches(String pattern, String segment) {
        for (String alternative : pattern.split("\\|")) {
            if (alternative.equals("*") || alternative.equals(segment)
                    || (alternative.endsWith("*") && segment.startsWith(alternative.substring(0, alternative.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** Parses the table's lines; a malformed row names its line. */
    static List<Row> parse(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\t");
            if (columns.length != 5) {
                throw new IllegalStateException(RESOURCE + " line " + (i + 1) + ": expected 5 tab-separated columns, got "
                        + columns.length);
            }
            try {
                rows.add(row(columns));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(RESOURCE + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }

    private static Row row(String[] columns) {
        Set<String> methods = columns[0].equals("*") ? METHODS : Set.of(columns[0].split(","));
        if (!METHODS.containsAll(methods)) {
            throw new IllegalArgumentException("methods must be POST, PUT, DELETE or *: " + columns[0]);
        }
        List<String> path = segments("/api2/json" + columns[1]);
        List<String> spawns = columns[3].equals("-") ? List.of() : List.of(columns[3].split(" "));
        String flags = columns[4];
        if (!Set.of("-", "security", "not-a-change").contains(flags)) {
            throw new IllegalArgumentException("unknown flag " + flags);
        }
        ApiCallKind kind = new ApiCallKind(columns[1], ApiCallKind.ClassRule.fromText(columns[2]), spawns,
                flags.equals("security"), !flags.equals("not-a-change"));
        return new Row(methods, path, kind);
    }

    private static List<Row> load() {
        try (InputStream in = ApiCallTable.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCE);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    /**
     * One row of the table.
     *
     * @param methods the methods it applies to
     * @param path    the path pattern's segments
     * @param kind    what a matching call is
     */
    record Row(Set<String> methods, List<String> path, ApiCallKind kind) {
    }
}
