package changeledger.bench;

import changeledger.support.Tars;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * The fuzz drill's requests: every endpoint of {@code /api/v1} that takes a body or query parameters, each with a
 * known-valid request, and the mutations applied to it. Request {@code i} of a seed is always the same request: its
 * endpoint is {@code i} modulo the endpoints, its mutation and junk come from a {@link Random} of the seed and
 * {@code i} alone. A mutation that may leave the request valid (free text set to junk, a line of junk among good
 * lines) is marked {@link Fuzzed#mayPass}: the service may take it; every other one must be refused with a 4xx.
 */
final class FuzzRequests {

    /** What the setup created, and the valid bodies the fuzzed requests start from. */
    record Fixture(String host, String admin, String reader, String ingester, String notifier, String submitter,
                   String approver, String changeRequestId, String entryId, String spareKeyId, String taskIndex,
                   String tasksJson, String accessLog, String journal, String notification, byte[] tar,
                   String heartbeat, String changeRequest, String entry) {
    }

    /** A request as sent, and what it may answer. */
    record Fuzzed(String endpoint, String mutation, boolean mayPass, String method, String pathAndQuery,
                  Map<String, String> headers, byte[] body, boolean write, boolean ingestion, boolean stream) {

        String describe(int max) {
            Map<String, String> shown = new LinkedHashMap<>(headers);
            shown.computeIfPresent("Authorization", (k, v) -> v.length() > 20 ? v.substring(0, 16) + "..." : v);
            return mutation + ": " + method + " " + FuzzDrill.cut(pathAndQuery, max) + " " + shown + " body "
                    + FuzzDrill.bytes(body, max);
        }
    }

    enum Kind { NONE, JSON, LINES, TAR }

    /** Field types of a JSON body: what junk means for each. */
    enum Field { TEXT, CODE, INSTANT, INT, EPOCH, BOOL, OBJECT, ARRAY }

    /**
     * One endpoint.
     *
     * @param path     the path with {@code {}} where {@code ids} go, each of which a mutation may replace
     * @param fields   JSON fields of the valid body, a {@code ?} after a name marks it optional
     * @param params   query parameters it takes, {@code true} when its value is typed (junk must be refused)
     * @param query    the valid request's query parameters
     * @param lenient  JSON that ignores unknown fields and coerces types by design
     */
    record Endpoint(String name, String method, String path, List<String> ids, String token, String contentType,
                    Kind kind, byte[] body, Map<String, Field> fields, Map<String, Boolean> params,
                    Map<String, String> query, boolean bodyOptional, boolean lenient, boolean ingestion,
                    boolean stream) {

        boolean write() {
            return !method.equals("GET");
        }
    }

    /** Junk for text values, ids and query parameters. */
    static final List<String> JUNK = List.of("' OR '1'='1", "'; DROP TABLE domain_event; --",
            "1 UNION SELECT token_hash FROM api_key--", "\" OR \"\"=\"", "1; SELECT pg_sleep(10)", "$(reboot)",
            "`id`", "../../../../etc/passwd", "..\\..\\..\\windows\\win.ini", "/etc/pve/priv/authkey.key",
            "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/a}", "{{7*7}}", "%s%s%s%n", "\u0000", "a\u0000b",
            "\u202Eevil", "\uD83D\uDE00", "\uFFFF", "\u0007", "\t", "\r\n", "null", "NaN", "-1", "0",
            "99999999999999999999", "", " ", "*", "%", "_", "\\", "/", "?", "#", "..", ".", "a/b", "%2e%2e%2f",
            "UPID:pve-fz:00001000:00ABC000:6A0F6B20:qmstart:101:root@pam:", "2026-13-45", "9999-12-31T23:59:59Z",
            "+999999999-12-31T23:59:59Z", "-999999999-01-01", "1e9", "0x10", "true", "[]", "{}", "\u00e9t\u00e9",
            "\u4e2d\u6587");

    /**
     * Junk that a typed parameter may take as a value: an {@code after} of 0, a far {@code from}, and blanks, which
     * every endpoint reads as the parameter left out.
     */
    static final List<String> PLAUSIBLE = List.of("0", "-1", "9999-12-31T23:59:59Z", "1e9", "", " ", "\t", "\r\n");

    /** Junk that is a well-formed id (host ids, guest ids): a request may take it as one. */
    static final Pattern WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** Percent-escapes that decode to no valid UTF-8, or to what a path must not hold. */
    static final List<String> RAW_ESCAPES = List.of("%C3%28", "%FF%FE", "%ED%A0%80", "%C0%AF", "%00", "%2F", "%2e%2e",
            "%252e%252e%252f", "%E2%80%AE", "%0D%0A", "%F4%90%80%80");

    private final Fixture fixture;
    private final ObjectMapper mapper;
    private final List<Endpoint> endpoints = new ArrayList<>();
    private byte[] gzipBomb;

    FuzzRequests(Fixture fixture, ObjectMapper mapper) {
        this.fixture = fixture;
        this.mapper = mapper;
        define();
    }

    List<Endpoint> endpoints() {
        return endpoints;
    }

    private void define() {
        Fixture f = fixture;
        String h = f.host();
        Map<String, Boolean> range = params("from", true, "to", true);
        Map<String, String> month = query("from", "2026-11-01", "to", "2026-12-01");
        // ingestion
        lines("ingest task-index", "/api/v1/hosts/{}/ingest/task-index", f.taskIndex());
        lines("ingest access-log", "/api/v1/hosts/{}/ingest/access-log", f.accessLog());
        lines("ingest journal", "/api/v1/hosts/{}/ingest/journal", f.journal());
        add(new Endpoint("ingest tasks (JSON)", "POST", "/api/v1/hosts/{}/ingest/tasks", List.of(h), f.ingester(),
                "application/json", Kind.JSON, utf8(f.tasksJson()), fields("data", Field.ARRAY), Map.of(), Map.of(),
                false, true, true, false));
        add(new Endpoint("ingest pve-notification", "POST", "/api/v1/hosts/{}/ingest/pve-notification", List.of(h),
                f.notifier(), "application/json", Kind.JSON, utf8(f.notification()), fields("title", Field.TEXT,
                "message", Field.TEXT, "severity", Field.CODE, "timestamp", Field.EPOCH, "fields", Field.OBJECT),
                Map.of(), Map.of(), false, false, true, false));
        add(new Endpoint("ingest heartbeat", "POST", "/api/v1/hosts/{}/ingest/heartbeat", List.of(h), f.ingester(),
                "application/json", Kind.JSON, utf8(f.heartbeat()), fields("collector", Field.OBJECT, "sources",
                Field.ARRAY), Map.of(), Map.of(), false, false, true, false));
        add(new Endpoint("ingest config", "POST", "/api/v1/hosts/{}/ingest/config", List.of(h), f.ingester(),
                "application/x-tar", Kind.TAR, f.tar(), Map.of(), Map.of(), Map.of(), false, false, true, false));
        add(new Endpoint("sync", "POST", "/api/v1/hosts/{}/sync", List.of(h), f.admin(), null, Kind.NONE, null,
                Map.of(), Map.of(), Map.of(), true, false, false, false));
        // hosts and keys
        json("register host", "POST", "/api/v1/hosts", List.of(), f.admin(),
                "{\"id\":\"" + h + "\",\"name\":\"fuzz host\",\"role\":\"lab\",\"node\":\"pve-" + h + "\"}",
                fields("id", Field.CODE, "name", Field.TEXT, "role", Field.CODE, "node", Field.CODE));
        json("host policy", "PUT", "/api/v1/hosts/{}/policy", List.of(h), f.admin(),
                "{\"requireChangeRequests\":false,\"monthlyChangeBudget\":10,\"monthlyDisruptionMinutes\":60}",
                fields("requireChangeRequests", Field.BOOL, "monthlyChangeBudget?", Field.INT,
                        "monthlyDisruptionMinutes?", Field.INT));
        json("host cluster", "PUT", "/api/v1/hosts/{}/cluster", List.of(h), f.admin(), "{\"cluster\":\"lab\"}",
                fields("cluster?", Field.TEXT, "since?", Field.INSTANT));
        add(new Endpoint("cluster sync", "POST", "/api/v1/clusters/{}/sync", List.of("lab"), f.admin(), null,
                Kind.NONE, null, Map.of(), Map.of(), Map.of(), true, false, false, false));
        json("create api key", "POST", "/api/v1/api-keys", List.of(), f.admin(),
                "{\"name\":\"fuzz reader\",\"role\":\"reader\",\"hosts\":[\"" + h + "\"]}",
                fields("name", Field.TEXT, "role", Field.CODE, "hosts?", Field.ARRAY));
        add(new Endpoint("revoke api key", "DELETE", "/api/v1/api-keys/{}", List.of(f.spareKeyId()), f.admin(), null,
                Kind.NONE, null, Map.of(), params("reason", false), query("reason", "rotated"), true, false, false,
                false));
        // change requests
        json("submit change request", "POST", "/api/v1/change-requests", List.of(), f.submitter(), f.changeRequest(),
                fields("hostId", Field.CODE, "target", Field.CODE, "title", Field.TEXT, "description?", Field.TEXT,
                        "plannedStart", Field.INSTANT, "plannedEnd", Field.INSTANT, "risk", Field.CODE,
                        "rollbackPlan?", Field.TEXT));
        step("approve", f.approver(), "{\"comment\":\"ok\"}", fields("comment?", Field.TEXT));
        step("reject", f.approver(), "{\"comment\":\"not now\"}", fields("comment", Field.TEXT));
        step("start", f.submitter(), "{\"comment\":\"go\"}", fields("comment?", Field.TEXT));
        step("complete", f.submitter(), "{\"outcome\":\"succeeded\",\"note\":\"done\"}",
                fields("outcome", Field.CODE, "note?", Field.TEXT));
        step("cancel", f.submitter(), "{\"comment\":\"not needed\"}", fields("comment?", Field.TEXT));
        step("reschedule", f.submitter(), "{\"plannedStart\":\"2026-11-21T20:00:00Z\",\"plannedEnd\":"
                + "\"2026-11-21T21:00:00Z\",\"comment\":\"later\"}", fields("plannedStart", Field.INSTANT,
                "plannedEnd", Field.INSTANT, "comment?", Field.TEXT));
        // manual entries
        json("record entry", "POST", "/api/v1/hosts/{}/entries", List.of(h), f.submitter(), f.entry(),
                fields("kind", Field.CODE, "summary", Field.TEXT, "details?", Field.TEXT, "occurredAt", Field.INSTANT));
        json("retract entry", "POST", "/api/v1/hosts/{}/entries/{}/retract", List.of(h, f.entryId()), f.submitter(),
                "{\"reason\":\"recorded on the wrong host\"}", fields("reason", Field.TEXT));
        // alerts and administration
        add(new Endpoint("alerts test", "POST", "/api/v1/alerts/test", List.of(), f.admin(), null, Kind.NONE, null,
                Map.of(), Map.of(), Map.of(), true, false, false, false));
        add(new Endpoint("processor replay", "POST", "/api/v1/admin/processors/{}/replay", List.of("no-such"),
                f.admin(), null, Kind.NONE, null, Map.of(), Map.of(), Map.of(), true, false, false, false));
        // reads
        Map<String, Boolean> filters = params("host", false, "type", false, "class", true, "actor", false, "source",
                false, "guest", false, "correlationId", false, "from", true, "to", true);
        Map<String, Boolean> events = new LinkedHashMap<>(filters);
        events.putAll(params("after", true, "limit", true));
        get("events", "/api/v1/events", List.of(), f.reader(), events, query("host", h, "class", "change", "from",
                "2026-11-01", "to", "2026-12-01", "limit", "50"), false);
        Map<String, Boolean> stream = new LinkedHashMap<>(filters);
        stream.put("after", true);
        get("events stream", "/api/v1/events/stream", List.of(), f.reader(), stream, query("host", h, "after", "0"),
                true);
        get("seal verify", "/api/v1/events/verify", List.of(), f.admin(), params("checkpointPosition", true,
                "checkpointHash", true), Map.of(), false);
        get("seal checkpoint", "/api/v1/events/checkpoint", List.of(), f.admin(), Map.of(), Map.of(), false);
        get("hosts", "/api/v1/hosts", List.of(), f.reader(), Map.of(), Map.of(), false);
        get("host", "/api/v1/hosts/{}", List.of(h), f.reader(), Map.of(), Map.of(), false);
        get("stats", "/api/v1/hosts/{}/stats", List.of(h), f.reader(), params("from", true, "to", true, "bucket",
                true), query("from", "2026-01-01", "to", "2027-01-01", "bucket", "month"), false);
        get("disruptions", "/api/v1/hosts/{}/disruptions", List.of(h), f.reader(), range, month, false);
        get("guests", "/api/v1/hosts/{}/guests", List.of(h), f.reader(), Map.of(), Map.of(), false);
        get("tasks", "/api/v1/hosts/{}/tasks", List.of(h), f.reader(), params("type", false, "class", true, "status",
                true, "guest", false, "user", false, "from", true, "to", true, "after", true, "limit", true),
                query("status", "ok", "from", "2026-11-01", "limit", "20"), false);
        get("entries", "/api/v1/hosts/{}/entries", List.of(h), f.reader(), params("kind", true, "from", true, "to",
                true, "after", true, "limit", true), query("kind", "note", "limit", "10"), false);
        get("entry", "/api/v1/hosts/{}/entries/{}", List.of(h, f.entryId()), f.submitter(), Map.of(), Map.of(),
                false);
        get("unplanned", "/api/v1/hosts/{}/unplanned", List.of(h), f.reader(), range, month, false);
        get("evidence", "/api/v1/hosts/{}/evidence", List.of(h), f.reader(), range, month, false);
        get("stability report", "/api/v1/reports/stability/{}", List.of("2026-11"), f.reader(),
                params("host", false, "cluster", false), query("host", h), false);
        get("clusters", "/api/v1/clusters", List.of(), f.reader(), Map.of(), Map.of(), false);
        get("cluster", "/api/v1/clusters/{}", List.of("lab"), f.reader(), Map.of(), Map.of(), false);
        get("cluster stats", "/api/v1/clusters/{}/stats", List.of("lab"), f.reader(), params("from", true, "to", true,
                "bucket", true), query("from", "2026-01-01", "to", "2027-01-01", "bucket", "month"), false);
        get("cluster disruptions", "/api/v1/clusters/{}/disruptions", List.of("lab"), f.reader(), range, month, false);
        get("cluster unplanned", "/api/v1/clusters/{}/unplanned", List.of("lab"), f.reader(), range, month, false);
        get("cluster sync status", "/api/v1/clusters/{}/sync", List.of("lab"), f.admin(), Map.of(), Map.of(), false);
        get("change requests", "/api/v1/change-requests", List.of(), f.submitter(), params("host", false, "status",
                true, "from", true, "to", true), query("host", h, "status", "submitted"), false);
        get("change request", "/api/v1/change-requests/{}", List.of(f.changeRequestId()), f.submitter(), Map.of(),
                Map.of(), false);
        get("api keys", "/api/v1/api-keys", List.of(), f.admin(), Map.of(), Map.of(), false);
        get("alerts", "/api/v1/alerts", List.of(), f.reader(), params("host", false, "after", true, "limit", true),
                query("host", h, "limit", "10"), false);
        get("processors", "/api/v1/admin/processors", List.of(), f.admin(), Map.of(), Map.of(), false);
    }

    private void add(Endpoint endpoint) {
        endpoints.add(endpoint);
    }

    private void lines(String name, String path, String body) {
        add(new Endpoint(name, "POST", path, List.of(fixture.host()), fixture.ingester(), "text/plain", Kind.LINES,
                utf8(body), Map.of(), Map.of(), Map.of(), false, false, true, false));
    }

    private void json(String name, String method, String path, List<String> ids, String token, String body,
                      Map<String, Field> fields) {
        add(new Endpoint(name, method, path, ids, token, "application/json", Kind.JSON, utf8(body), fields, Map.of(),
                Map.of(), false, false, false, false));
    }

    private void step(String step, String token, String body, Map<String, Field> fields) {
        boolean optional = fields.keySet().stream().allMatch(k -> k.endsWith("?"));
        add(new Endpoint("change request " + step, "POST", "/api/v1/change-requests/{}/" + step,
                List.of(fixture.changeRequestId()), token, "application/json", Kind.JSON, utf8(body), fields, Map.of(),
                Map.of(), optional, false, false, false));
    }

    private void get(String name, String path, List<String> ids, String token, Map<String, Boolean> params,
                     Map<String, String> query, boolean stream) {
        add(new Endpoint(name, "GET", path, ids, token, null, Kind.NONE, null, Map.of(), params, query, true, false,
                false, stream));
    }

    /** Request {@code index} of {@code seed}. */
    Fuzzed request(long seed, int index) {
        Endpoint endpoint = endpoints.get(index % endpoints.size());
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + index);
        List<String> mutations = mutations(endpoint);
        String mutation = mutations.get(random.nextInt(mutations.size()));
        return new Mutation(endpoint, random).apply(mutation);
    }

    private static List<String> mutations(Endpoint e) {
        List<String> all = new ArrayList<>(List.of("no-auth", "bad-token", "wrong-role", "wrong-method", "accept-junk",
                "unknown-param"));
        if (!e.ids().isEmpty()) {
            all.addAll(List.of("path-junk", "path-junk", "path-escape", "path-overlong"));
        }
        if (!e.params().isEmpty()) {
            all.addAll(List.of("param-junk", "param-junk", "param-junk", "param-escape", "param-overlong",
                    "param-duplicate"));
        }
        switch (e.kind()) {
            case JSON -> all.addAll(List.of("content-type", "no-content-type", "random-bytes", "empty-body", "truncated",
                    "trailing-garbage", "not-an-object", "bom", "deep-nesting", "huge-value", "duplicate-key",
                    "unknown-field", "field-junk", "field-junk", "field-junk", "field-wrong-type", "field-wrong-type",
                    "field-number", "field-null", "field-missing", "field-invalid-utf8", "field-control-char",
                    "field-escape"));
            case LINES -> all.addAll(List.of("content-type", "no-content-type", "random-bytes", "empty-body",
                    "line-random", "line-invalid-utf8", "line-overlong", "line-nul", "line-junk", "line-junk",
                    "line-crlf", "line-deep-json", "truncated", "many-junk-lines"));
            case TAR -> all.addAll(List.of("content-type", "no-content-type", "random-bytes", "empty-body", "truncated",
                    "tar-path", "tar-invalid-utf8", "tar-symlink", "tar-gzip", "tar-gzip-bomb", "tar-overlong-name",
                    "tar-huge-size-field"));
            default -> all.addAll(List.of("body-on-bodyless"));
        }
        return all;
    }

    /** One mutation of one endpoint's valid request. */
    private final class Mutation {
        private final Endpoint e;
        private final Random random;
        private final List<String> ids;
        private final List<String[]> query = new ArrayList<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String method;
        private byte[] body;
        private boolean mayPass;

        Mutation(Endpoint endpoint, Random random) {
            this.e = endpoint;
            this.random = random;
            this.ids = new ArrayList<>();
            for (String id : endpoint.ids()) {
                ids.add(encode(id));
            }
            endpoint.query().forEach((k, v) -> query.add(new String[] {k, encode(v)}));
            this.method = endpoint.method();
            this.body = endpoint.body() == null ? null : endpoint.body().clone();
            if (endpoint.token() != null) {
                headers.put("Authorization", "Bearer " + endpoint.token());
            }
            if (endpoint.contentType() != null) {
                headers.put("Content-Type", endpoint.contentType());
            }
            if (endpoint.stream()) {
                headers.put("Accept", "text/event-stream");
            }
        }

        Fuzzed apply(String mutation) {
            String name = mutate(mutation);
            StringBuilder path = new StringBuilder();
            String[] parts = e.path().split("\\{}", -1);
            for (int i = 0; i < parts.length; i++) {
                path.append(parts[i]);
                if (i < ids.size()) {
                    path.append(ids.get(i));
                }
            }
            for (int i = 0; i < query.size(); i++) {
                path.append(i == 0 ? '?' : '&').append(query.get(i)[0]).append('=').append(query.get(i)[1]);
            }
            return new Fuzzed(e.name(), name, mayPass, method, path.toString(), headers, body, e.write(),
                    e.ingestion(), e.stream());
        }

        private String mutate(String mutation) {
            switch (mutation) {
                case "no-auth" -> headers.remove("Authorization");
                case "bad-token" -> headers.put("Authorization", pick(List.of("Bearer x", "Bearer " + "A".repeat(4000),
                        "Basic YWRtaW46YWRtaW4=", "Bearer", "bearer " + fixture.reader() + "x", "Token abc")));
                case "wrong-role" -> headers.put("Authorization", "Bearer " + (e.token().equals(fixture.notifier())
                        ? fixture.reader() : fixture.notifier()));
                case "wrong-method" -> method = pick(List.of("PATCH", e.method().equals("GET") ? "PUT" : "PATCH"));
                case "accept-junk" -> {
                    headers.put("Accept", pick(List.of("application/xml", "image/png", "text/html;q=0, */*;q=0",
                            "}{", "application/json;q=abc")));
                    mayPass = true;
                }
                case "unknown-param" -> query.add(new String[] {pick(List.of("fuzz", "hosts", "Limit", "from%5B%5D",
                        "%27", "%00", "a".repeat(3000), "host%00", "q")), encode(pick(JUNK))});
                case "path-junk" -> {
                    String junk = pick(JUNK);
                    setId(encode(junk.isEmpty() || junk.equals(".") || junk.equals("..") ? "x" + junk : junk));
                    // junk such as 0x10 or null is a well-formed id: an earlier request may have created it
                    mayPass = WORD.matcher(junk).matches();
                    return mutation + " '" + FuzzDrill.cut(junk, 40) + "'";
                }
                case "path-escape" -> {
                    String escape = pick(RAW_ESCAPES);
                    setId("x" + escape);
                    return mutation + " x" + escape;
                }
                case "path-overlong" -> {
                    int length = pick(List.of(300, 5_000, 20_000));
                    setId("a".repeat(length));
                    return mutation + " " + length;
                }
                case "param-junk" -> {
                    String[] param = param();
                    String junk = pick(JUNK);
                    param[1] = encode(junk);
                    mayPass = !e.params().get(param[0]) || PLAUSIBLE.contains(junk);
                    return mutation + " " + param[0] + "='" + FuzzDrill.cut(junk, 40) + "'";
                }
                case "param-escape" -> {
                    String[] param = param();
                    param[1] = "1" + pick(RAW_ESCAPES);
                    mayPass = !e.params().get(param[0]);
                    return mutation + " " + param[0] + "=" + param[1];
                }
                case "param-overlong" -> {
                    String[] param = param();
                    param[1] = "9".repeat(pick(List.of(100, 3_000, 12_000)));
                    mayPass = !e.params().get(param[0]);
                    return mutation + " " + param[0] + " of " + param[1].length();
                }
                case "param-duplicate" -> {
                    String name = pick(new ArrayList<>(e.params().keySet()));
                    query.add(new String[] {name, encode(e.query().getOrDefault(name, "1"))});
                    query.add(new String[] {name, encode(e.query().getOrDefault(name, "2"))});
                    return mutation + " " + name;
                }
                case "body-on-bodyless" -> {
                    body = randomBytes(1 + random.nextInt(2_000));
                    headers.put("Content-Type", pick(List.of("application/json", "text/plain",
                            "application/octet-stream")));
                    mayPass = true;
                }
                case "content-type" -> headers.put("Content-Type", pick(List.of("application/xml",
                        "application/x-www-form-urlencoded", "multipart/form-data; boundary=fuzz", "image/png",
                        "text/csv", "}{", e.kind() == Kind.JSON ? "text/plain" : "application/json",
                        e.kind() == Kind.TAR ? "text/plain" : "application/octet-stream")));
                case "no-content-type" -> {
                    headers.remove("Content-Type");
                    mayPass = true;
                }
                case "random-bytes" -> {
                    body = randomBytes(1 + random.nextInt(pick(List.of(16, 4_096, 200_000))));
                    mayPass = e.kind() == Kind.LINES || e.lenient();
                }
                case "empty-body" -> {
                    body = new byte[0];
                    mayPass = e.bodyOptional() || e.kind() == Kind.LINES;
                }
                case "truncated" -> {
                    int cut = 1 + random.nextInt(Math.max(1, (e.kind() == Kind.TAR ? 511 : body.length - 1)));
                    body = Arrays.copyOf(body, Math.min(cut, body.length - 1));
                    mayPass = e.kind() == Kind.LINES;
                    return mutation + " at " + body.length;
                }
                default -> {
                    return e.kind() == Kind.JSON ? mutateJson(mutation)
                            : e.kind() == Kind.LINES ? mutateLines(mutation) : mutateTar(mutation);
                }
            }
            return mutation;
        }

        private String mutateJson(String mutation) {
            ObjectNode object;
            try {
                object = (ObjectNode) mapper.readTree(body);
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
            List<String> names = new ArrayList<>(e.fields().keySet());
            String declared = pick(names);
            String field = declared.replace("?", "");
            Field type = e.fields().get(declared);
            boolean optional = declared.endsWith("?");
            switch (mutation) {
                case "trailing-garbage" -> body = concat(body, utf8(pick(List.of(" x", "}", "{}", ",", "\u0000",
                        " {\"a\":1}", "]"))));
                case "not-an-object" -> {
                    String token = pick(List.of("[]", "null", "\"x\"", "42", "true", "[{}]"));
                    body = utf8(token);
                    mayPass = e.lenient() && token.startsWith("[");
                    return mutation + " " + token;
                }
                case "bom" -> {
                    body = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, body);
                    mayPass = true;
                }
                case "deep-nesting" -> {
                    int depth = pick(List.of(100, 2_000, 50_000));
                    String open = random.nextBoolean() ? "[" : "{\"a\":";
                    String close = open.equals("[") ? "]" : "}";
                    body = replaceField(object, field, utf8(open.repeat(depth) + "1" + close.repeat(depth)));
                    mayPass = e.lenient() && type == Field.ARRAY && depth <= 100;
                    return mutation + " " + field + " " + depth;
                }
                case "huge-value" -> {
                    int length = pick(List.of(70_000, 2_000_000));
                    object.put(field, "x".repeat(length));
                    body = write(object);
                    // a notification's message carries the backup log: bounded by the body (4 MiB), not by itself
                    boolean log = e.name().equals("ingest pve-notification") && field.equals("message");
                    mayPass = type == Field.TEXT && (length < 1_000_000 || log) || e.lenient();
                    return mutation + " " + field + " " + length;
                }
                case "duplicate-key" -> {
                    String text = new String(body, StandardCharsets.UTF_8);
                    body = utf8("{\"" + field + "\":" + "\"dup\"," + text.substring(1));
                    mayPass = true;
                    return mutation + " " + field;
                }
                case "unknown-field" -> {
                    object.put(pick(List.of("fuzz", "ID", "hostid", "__proto__", "constructor", "")), pick(JUNK));
                    body = write(object);
                    // a Proxmox notification template may carry members of its own: they are ignored by design
                    mayPass = e.lenient() || e.name().equals("ingest pve-notification");
                }
                case "field-junk" -> {
                    String junk = pick(JUNK);
                    object.put(field, junk);
                    body = write(object);
                    // an epoch may come quoted, as Proxmox renders {{ timestamp }}: "0" is 1970-01-01T00:00:00Z
                    mayPass = type == Field.TEXT || e.lenient() || type == Field.CODE && WORD.matcher(junk).matches()
                            || type == Field.EPOCH && junk.matches("[0-9]{1,11}");
                    return mutation + " " + field + "='" + FuzzDrill.cut(junk, 40) + "'";
                }
                case "field-wrong-type" -> {
                    String token = switch (type) {
                        case TEXT, CODE, INSTANT -> pick(List.of("12", "true", "{}", "[]", "[\"a\"]", "1.5"));
                        case INT, EPOCH -> pick(List.of("true", "{}", "[]", "\"abc\"", "\"\""));
                        case BOOL -> pick(List.of("1", "\"yes\"", "{}", "[]", "\"\""));
                        case OBJECT -> pick(List.of("1", "\"x\"", "[]", "true"));
                        case ARRAY -> pick(List.of("1", "\"x\"", "{}", "true"));
                    };
                    body = replaceField(object, field, utf8(token));
                    mayPass = e.lenient();
                    return mutation + " " + field + "=" + token;
                }
                case "field-number" -> {
                    String token = pick(List.of("1e400", "99999999999999999999999", "-2147483649", "2147483648",
                            "-1", "1.5", "NaN", "Infinity", "-0", "1e3", "0x10", "01", "-9223372036854775809"));
                    body = replaceField(object, field, utf8(token));
                    mayPass = e.lenient() || (token.equals("-0") || token.equals("1e3") || token.equals("-1"))
                            && (type == Field.EPOCH || type == Field.INT);
                    return mutation + " " + field + "=" + token;
                }
                case "field-null" -> {
                    object.putNull(field);
                    body = write(object);
                    mayPass = optional || e.lenient();
                    return mutation + " " + field;
                }
                case "field-missing" -> {
                    object.remove(field);
                    body = write(object);
                    mayPass = optional || e.lenient();
                    return mutation + " " + field;
                }
                case "field-invalid-utf8" -> {
                    byte[] bad = pick(List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF, (byte) 0xFE},
                            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xC0, (byte) 0xAF},
                            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}));
                    body = replaceField(object, field, concat(utf8("\"ab"), concat(bad, utf8("cd\""))));
                    mayPass = false;
                    return mutation + " " + field;
                }
                case "field-control-char" -> {
                    body = replaceField(object, field, utf8("\"a" + pick(List.of("\u0000", "\u0001", "\n", "\u001f"))
                            + "b\""));
                    mayPass = false;
                    return mutation + " " + field;
                }
                case "field-escape" -> {
                    String token = pick(List.of("\"\\ud800\"", "\"a\\udc00b\"", "\"\\u0000\"", "\"a\\u0000b\"",
                            "\"\\uffff\"", "\"\\x41\"", "\"\\q\"", "\"\\u12\""));
                    body = replaceField(object, field, utf8(token));
                    mayPass = (type == Field.TEXT || e.lenient()) && (token.contains("ffff"));
                    return mutation + " " + field + "=" + token;
                }
                default -> throw new IllegalStateException("no JSON mutation " + mutation);
            }
            return mutation + (mutation.startsWith("field") ? " " + field : "");
        }

        private String mutateLines(String mutation) {
            List<String> lines = new ArrayList<>(Arrays.asList(new String(body, StandardCharsets.UTF_8).split("\n")));
            int at = random.nextInt(lines.size() + 1);
            mayPass = true;
            switch (mutation) {
                case "line-random" -> {
                    return insertLine(at, randomBytes(1 + random.nextInt(300)), mutation);
                }
                case "line-invalid-utf8" -> {
                    return insertLine(at, concat(utf8(lines.get(0).substring(0, 20)), new byte[] {(byte) 0xC3, 0x28,
                            (byte) 0xFF}), mutation);
                }
                case "line-overlong" -> {
                    int length = pick(List.of(70_000, 1_000_000));
                    return insertLine(at, utf8(lines.get(0) + " " + "y".repeat(length)), mutation + " " + length);
                }
                case "line-nul" -> {
                    return insertLine(at, utf8(lines.get(0).replace(' ', '\u0000')), mutation);
                }
                case "line-junk" -> {
                    String line = lines.get(random.nextInt(lines.size()));
                    String[] words = line.split(" ", -1);
                    String junk = pick(JUNK);
                    words[random.nextInt(words.length)] = junk;
                    lines.set(lines.indexOf(line), String.join(" ", words));
                    body = utf8(String.join("\n", lines) + "\n");
                    return mutation + " '" + FuzzDrill.cut(junk, 40) + "'";
                }
                case "line-crlf" -> body = utf8(String.join("\r\n", lines) + "\r\n");
                case "line-deep-json" -> {
                    return insertLine(at, utf8("{\"MESSAGE\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}"),
                            mutation);
                }
                case "many-junk-lines" -> {
                    StringBuilder junk = new StringBuilder();
                    int count = pick(List.of(1_000, 50_000));
                    for (int i = 0; i < count; i++) {
                        junk.append(pick(JUNK)).append(' ').append(i).append('\n');
                    }
                    body = concat(body, utf8(junk.toString()));
                    return mutation + " " + count;
                }
                default -> throw new IllegalStateException("no line mutation " + mutation);
            }
            return mutation;
        }

        private String insertLine(int at, byte[] line, String name) {
            List<String> lines = new ArrayList<>(Arrays.asList(new String(body, StandardCharsets.UTF_8).split("\n")));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i <= lines.size(); i++) {
                if (i == at) {
                    out.writeBytes(line);
                    out.write('\n');
                }
                if (i < lines.size()) {
                    out.writeBytes(utf8(lines.get(i) + "\n"));
                }
            }
            body = out.toByteArray();
            return name + " at line " + (at + 1);
        }

        private String mutateTar(String mutation) {
            switch (mutation) {
                case "tar-path" -> {
                    String path = pick(List.of("../etc/hosts", "/etc/hosts", "etc/pve/priv/authkey.key", "etc/shadow",
                            "etc/pve/qemu-server/../../../root/.ssh/id_rsa", "etc/pve/qemu-server/abc.conf",
                            "etc/pve/lxc/1e9.conf", "etc/hosts\u0000.txt", ""));
                    body = Tars.of(Map.of(path, "127.0.0.1 localhost\n"));
                    // a tar name ends at its first NUL: this one is etc/hosts
                    mayPass = path.startsWith("etc/hosts\u0000");
                    return mutation + " '" + path.replace("\u0000", "\\0") + "'";
                }
                case "tar-invalid-utf8" -> body = Tars.raw("etc/hosts", new byte[] {'1', ' ', (byte) 0xC3, 0x28, '\n'},
                        '0');
                case "tar-symlink" -> body = Tars.raw("etc/hosts", utf8("/etc/shadow"), '2');
                case "tar-gzip" -> {
                    body = Tars.gzip(body);
                    mayPass = true;
                }
                case "tar-gzip-bomb" -> {
                    body = gzipBomb();
                    return mutation + " of 80 MiB";
                }
                case "tar-overlong-name" -> body = Tars.of(Map.of("etc/pve/qemu-server/" + "1".repeat(300) + ".conf",
                        "name: x\n"));
                case "tar-huge-size-field" -> {
                    byte[] tar = body.clone();
                    byte[] size = utf8("77777777777");
                    System.arraycopy(size, 0, tar, 124, size.length);
                    body = tar;
                }
                default -> throw new IllegalStateException("no tar mutation " + mutation);
            }
            return mutation;
        }

        private byte[] replaceField(ObjectNode object, String field, byte[] raw) {
            String marker = "\u0001FUZZ\u0001";
            object.put(field, marker);
            byte[] text = write(object);
            byte[] quoted = write(mapper.getNodeFactory().textNode(marker));
            int at = indexOf(text, quoted);
            return concat(Arrays.copyOf(text, at), concat(raw, Arrays.copyOfRange(text, at + quoted.length,
                    text.length)));
        }

        private String[] param() {
            String name = pick(new ArrayList<>(e.params().keySet()));
            for (String[] param : query) {
                if (param[0].equals(name)) {
                    return param;
                }
            }
            String[] param = {name, ""};
            query.add(param);
            return param;
        }

        private void setId(String value) {
            ids.set(random.nextInt(ids.size()), value);
        }

        private <T> T pick(List<T> items) {
            return items.get(random.nextInt(items.size()));
        }

        private byte[] randomBytes(int length) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            return bytes;
        }
    }

    private byte[] write(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A gzip of 80 MiB of zeros after a tar header: inflates past the upload limit of 64 MiB. */
    private synchronized byte[] gzipBomb() {
        if (gzipBomb == null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                byte[] zeros = new byte[1 << 20];
                for (int i = 0; i < 80; i++) {
                    gzip.write(zeros);
                }
            } catch (java.io.IOException ex) {
                throw new IllegalStateException(ex);
            }
            gzipBomb = out.toByteArray();
        }
        return gzipBomb;
    }

    /** Percent-encodes everything but unreserved characters, as UTF-8 (a lone surrogate becomes {@code ?}). */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append(String.format(Locale.ROOT, "%%%02X", c));
            }
        }
        return out.toString();
    }

    static Map<String, Field> fields(Object... pairs) {
        Map<String, Field> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Field) pairs[i + 1]);
        }
        return map;
    }

    static Map<String, Boolean> params(Object... pairs) {
        Map<String, Boolean> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Boolean) pairs[i + 1]);
        }
        return map;
    }

    static Map<String, String> query(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("marker not found");
    }
}
