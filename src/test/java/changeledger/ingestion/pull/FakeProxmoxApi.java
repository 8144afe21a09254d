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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real HTTPS server with a self-signed certificate (made by the JDK's keytool) that answers
 * {@code GET /api2/json/nodes/{node}/tasks} like a Proxmox node: token auth, {@code since},
 * {@code start}/{@code limit} paging, newest first, {@code total}.
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
        server.createContext("/api2/json/nodes/", this::handle);
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

    /** The requests received so far. */
    public List<URI> requests() {
        return List.copyOf(requests);
    }

    /** Forgets tasks and requests. */
    public void reset() {
        tasks.clear();
        requests.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestURI());
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (!("PVEAPIToken=" + TOKEN_ID + "=" + TOKEN_SECRET).equals(auth)) {
            respond(exchange, 401, "{\"data\":null}");
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String node = exchange.getRequestURI().getPath().split("/")[4];
        long since = Long.parseLong(query.getOrDefault("since", "0"));
        int start = Integer.parseInt(query.getOrDefault("start", "0"));
        int limit = Integer.parseInt(query.getOrDefault("limit", "50"));
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
