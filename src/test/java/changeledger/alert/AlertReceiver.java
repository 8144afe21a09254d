package changeledger.alert;

import changeledger.support.SharedPort;
import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP receiver for alerts: records every request (path, headers, body) and answers 200, or the statuses
 * scripted for a path first. Its port is chosen before the service starts (a system property the test profile and
 * the test share, whatever class loader each runs in).
 */
final class AlertReceiver {

    private static final String PORT_PROPERTY = "test.alert-receiver.port";

    /** One request as received. */
    record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {

        /** A header's first value (names are case-insensitive), or null. */
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }

        /** The body as JSON. */
        JsonPath json() {
            return JsonPath.from(new String(body, StandardCharsets.UTF_8));
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> scripted = new ConcurrentHashMap<>();

    private AlertReceiver(HttpServer server) {
        this.server = server;
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()),
                    body));
            Deque<Integer> statuses = scripted.get(path);
            Integer status = statuses == null ? null : statuses.pollFirst();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        server.start();
    }

    /** The port the profile configures and the receiver listens on: free when first chosen. */
    static int port() {
        return SharedPort.of(PORT_PROPERTY);
    }

    /** The address of a path on the receiver. */
    static String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Starts listening on {@link #port()}. */
    static AlertReceiver start() {
        try {
            return new AlertReceiver(HttpServer.create(new InetSocketAddress("127.0.0.1", port()), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers the next requests to {@code path} with these statuses, then 200 again. */
    void answer(String path, Integer... statuses) {
        scripted.put(path, new ArrayDeque<>(List.of(statuses)));
    }

    /** Every request to {@code path}, in the order received. */
    List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Stops listening. */
    void stop() {
        server.stop(0);
    }
}
