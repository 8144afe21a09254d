package changeledger.ingestion.pull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real HTTPS server with a self-signed certificate (made by the JDK's keytool) that answers
 * {@code GET /api2/json/nodes/{node}/tasks} like a Proxmox node: token auth, {@code since},
 * {@code start}/{@code limit} paging, newest first, {@code total} (or, for a node given a recorded answer, that
 * answer's tasks in its order, paged, with its {@code total}); and the configuration paths a read-only token
 * reads (guest lists and configs, DNS, hosts, network, apt versions, storage, users, ACLs) with what a test put there,
 * {@code []} for the rest, or 403 for a path the test forbids. Shapes as in qemu-server {@code src/PVE/API2/Qemu.pm}
 * ({@code {vmid}/config}), pve-container {@code src/PVE/API2/LXC/Config.pm}, pve-manager {@code PVE/API2/Nodes.pm},
 * pve-storage {@code src/PVE/API2/Storage/Config.pm} and pve-access-control {@code src/PVE/API2/ACL.pm}.
 * <p>
 * As a cluster's API (any member answers for all nodes) it also serves what a test puts at {@code /cluster/tasks},
 * {@code /cluster/resources} and the cluster's configuration paths, answers 595 for every path of a node the test
 * took down (as pveproxy does when it cannot reach the node it forwards to), and 501 for a path the test says this
 * version does not serve: see {@code src/test/resources/proxmox/cluster/README.md}.
 */
public final class FakeProxmoxApi implements AutoCloseable {

    /** The token id the fake accepts. */
    public static final String TOKEN_ID = "audit@pve!changeledger";
    /** The token secret the fake accepts. */
    public static final String TOKEN_SECRET = "0b8ad1c4-7d3e-4f49-9d0a-5a6b7c8d9e0f";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpsServer server;
    private final String fingerprint;
    private final List<ObjectNode> tasks = new CopyOnWriteArrayList<>();
    private final List<URI> requests = new CopyOnWriteArrayList<>();
    private final List<URI> configRequests = new CopyOnWriteArrayList<>();
    private final Map<String, com.fasterxml.jackson.databind.JsonNode> config =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Set<String> forbidden = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Set<String> down = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Set<String> notServed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, com.fasterxml.jackson.databind.JsonNode> answers =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Starts the server on a free loopback port. */
    public FakeProxmoxApi() throws Exception {
        Path dir = Files.createTempDirectory("fake-pve");
        Path keystore = dir.resolve("pve.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "pve", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=pve-pull",
                "-validity", "30", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-keypass", "changeit", "-ext", "SAN=ip:127.0.0.1").redirectErrorStream(true).start();
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + new String(keytool.getInputStream().readAllBytes()));
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        fingerprint = PinnedTls.fingerprint((X509Certificate) store.getCertificate("pve"));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/api2/json/", this::handle);
        server.start();
    }

    /** The base URL, e.g. {@code https://127.0.0.1:34567}. */
    public String baseUrl() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The SHA-256 fingerprint of the server certificate. */
    public String fingerprint() {
        return fingerprint;
    }

    /** Adds a task as the API would list it. */
    public void add(ObjectNode task) {
        tasks.removeIf(t -> t.path("upid").asText().equals(task.path("upid").asText()));
        tasks.add(task);
    }

    /**
     * Answers a node's task list with a recorded body {@code {"data": [...], "total": N}}: its tasks in its order,
     * sliced by {@code start} and {@code limit}, and its {@code total}. The body is the node's answer for a window
     * that holds all of its tasks, so {@code since} is not applied again.
     */
    public void answerTasks(String node, String body) {
        try {
            answers.put(node, JSON.readTree(body));
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a task list body", e);
        }
    }

    /** The task list requests received so far. */
    public List<URI> requests() {
        return List.copyOf(requests);
    }

    /** The configuration requests received so far. */
    public List<URI> configRequests() {
        return List.copyOf(configRequests);
    }

    /** Puts a guest's config ({@code kind} qemu or lxc) and lists it on its node. */
    public void guest(String node, String kind, int vmid, ObjectNode guestConfig) {
        config.put("/nodes/" + node + "/" + kind + "/" + vmid + "/config", guestConfig);
        listGuests(node, kind);
    }

    /** Removes a guest. */
    public void removeGuest(String node, String kind, int vmid) {
        config.remove("/nodes/" + node + "/" + kind + "/" + vmid + "/config");
        listGuests(node, kind);
    }

    /** Puts the {@code data} of a configuration path (without {@code /api2/json}). */
    public void put(String path, com.fasterxml.jackson.databind.JsonNode data) {
        config.put(path, data);
    }

    /** Answers 403 for a path, as for a token without the privilege. */
    public void forbid(String path) {
        forbidden.add(path);
    }

    /** Takes a node down: every {@code /nodes/{node}/...} path answers 595, as through a member that cannot reach it. */
    public void down(String node) {
        down.add(node);
    }

    /** Answers 501 for a path, as a Proxmox version that does not serve it. */
    public void notServed(String path) {
        notServed.add(path);
    }

    /** Forgets tasks, configuration and requests. */
    public void reset() {
        down.clear();
        notServed.clear();
        tasks.clear();
        requests.clear();
        configRequests.clear();
        config.clear();
        forbidden.clear();
        answers.clear();
    }

    private void listGuests(String node, String kind) {
        String prefix = "/nodes/" + node + "/" + kind + "/";
        ArrayNode list = JSON.createArrayNode();
        config.keySet().stream().filter(k -> k.startsWith(prefix) && k.endsWith("/config")).sorted()
                .forEach(k -> list.addObject().put("vmid", Integer.parseInt(k.substring(prefix.length(),
                        k.length() - "/config".length()))).put("status", "running"));
        config.put("/nodes/" + node + "/" + kind, list);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (!("PVEAPIToken=" + TOKEN_ID + "=" + TOKEN_SECRET).equals(auth)) {
            requests.add(exchange.getRequestURI());
            respond(exchange, 401, "{\"data\":null}");
            return;
        }
        String path = exchange.getRequestURI().getPath().substring("/api2/json".length());
        if (path.startsWith("/nodes/") && down.contains(path.split("/")[2])) {
            requests.add(exchange.getRequestURI());
            respond(exchange, 595, "");
            return;
        }
        if (notServed.contains(path)) {
            respond(exchange, 501, "{\"data\":null}");
            return;
        }
        if (!path.matches("/nodes/[^/]+/tasks")) {
            configRequests.add(exchange.getRequestURI());
            if (forbidden.contains(path)) {
                respond(exchange, 403, "{\"data\":null}");
                return;
            }
            ObjectNode body = JSON.createObjectNode();
            body.set("data", config.getOrDefault(path, JSON.createArrayNode()));
            respond(exchange, 200, JSON.writeValueAsString(body));
            return;
        }
        requests.add(exchange.getRequestURI());
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String node = exchange.getRequestURI().getPath().split("/")[4];
        long since = Long.parseLong(query.getOrDefault("since", "0"));
        int start = Integer.parseInt(query.getOrDefault("start", "0"));
        int limit = Integer.parseInt(query.getOrDefault("limit", "50"));
        com.fasterxml.jackson.databind.JsonNode answer = answers.get(node);
        if (answer != null) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode data = body.putArray("data");
            for (int i = start; i < Math.min(answer.path("data").size(), start + limit); i++) {
                data.add(answer.path("data").get(i));
            }
            body.set("total", answer.path("total"));
            respond(exchange, 200, JSON.writeValueAsString(body));
            return;
        }
        List<ObjectNode> matching = new ArrayList<>(tasks.stream()
                .filter(t -> t.path("node").asText().equals(node) && t.path("starttime").asLong() >= since).toList());
        matching.sort(Comparator.comparingLong((ObjectNode t) -> t.path("starttime").asLong()).reversed());
        ObjectNode body = JSON.createObjectNode();
        ArrayNode data = body.putArray("data");
        matching.stream().skip(start).limit(limit).forEach(data::add);
        body.put("total", matching.size());
        respond(exchange, 200, JSON.writeValueAsString(body));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(kv[0].toLowerCase(Locale.ROOT), kv.length > 1 ? kv[1] : "");
            }
        }
        return params;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
