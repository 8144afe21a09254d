package changeledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The HTTP requests of the drills' clients, each answered as it came (status, headers, body), never thrown on. */
final class DrillClient {

    /** One event as {@code GET /api/v1/events} lists it: enough to count doubles. */
    record ListedEvent(String id, String aggregateType, String aggregateId, String type) {
    }

    private final HttpClient http = ServiceProcess.newClient();

    /** {@code GET base + pathAndQuery} with a key, JSON accepted. */
    HttpResponse<String> get(String base, String token, String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Uploads task-index lines to a host with its ingester key. */
    HttpResponse<String> uploadTaskIndex(String base, String token, String hostId, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/hosts/" + hostId
                        + "/ingest/task-index"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/plain")
                .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Every event of a host by {@code GET /api/v1/events?host=} pages of 1,000; fails on anything but 200. */
    List<ListedEvent> allEvents(String base, String token, String hostId) throws Exception {
        List<ListedEvent> events = new ArrayList<>();
        String after = null;
        do {
            String query = "/api/v1/events?host=" + URLEncoder.encode(hostId, StandardCharsets.UTF_8) + "&limit=1000"
                    + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
            HttpResponse<String> page = get(base, token, query);
            if (page.statusCode() != 200) {
                throw new IllegalStateException("GET " + query + " answered " + page.statusCode() + ": " + page.body());
            }
            JsonNode json = BenchMain.MAPPER.readTree(page.body());
            for (JsonNode item : json.path("items")) {
                events.add(new ListedEvent(item.path("id").asText(), item.path("aggregateType").asText(),
                        item.path("aggregateId").asText(), item.path("type").asText()));
            }
            after = json.path("next").isNull() || json.path("next").isMissingNode() ? null : json.path("next").asText();
        } while (after != null);
        return events;
    }

    /** The {@code next} of a page, or null on the last. */
    static String next(String body) throws Exception {
        JsonNode next = BenchMain.MAPPER.readTree(body).path("next");
        return next.isNull() || next.isMissingNode() ? null : next.asText();
    }

    /** The processor listing ({@code GET /api/v1/admin/processors}) with an admin key; fails on anything but 200. */
    JsonNode processors(String base, String adminToken) throws Exception {
        HttpResponse<String> answer = get(base, adminToken, "/api/v1/admin/processors");
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET /api/v1/admin/processors answered " + answer.statusCode() + ": "
                    + answer.body());
        }
        return BenchMain.MAPPER.readTree(answer.body()).path("items");
    }
}
