package changeledger.ingestion.pull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Reads a Proxmox API with a read-only token, only ever with GET: {@code /api2/json/nodes/{node}/tasks} page by page,
 * and other paths' {@code data}. One client talks to one address (a host's, or one member's of a cluster).
 */
final class ProxmoxApiClient {

    private static final int MAX_PAGES = 10_000;
    private static final ObjectMapper LENIENT = new ObjectMapper();

    private final String configKey;
    private final String who;
    private final String baseUrl;
    private final ProxmoxPullConfig.HostApi api;
    private final HttpClient http;
    private final Duration timeout;

    ProxmoxApiClient(String hostId, ProxmoxPullConfig.HostApi api, Duration timeout) {
        this("changeledger.proxmox.hosts." + hostId, "host '" + hostId + "'", api.baseUrl(), api, timeout);
    }

    /**
     * A client of one address.
     *
     * @param configKey where the API is configured, for messages ({@code changeledger.proxmox.clusters.lab})
     * @param who       what the API is, for messages ({@code host 'infra'}, {@code cluster 'lab' at https://...})
     * @param baseUrl   the address to call (a cluster's base URL or one of its fallbacks)
     */
    ProxmoxApiClient(String configKey, String who, String baseUrl, ProxmoxPullConfig.HostApi api, Duration timeout) {
        if (!baseUrl.regionMatches(true, 0, "https://", 0, 8)) {
            throw new SyncFailedException(configKey + " addresses must be https:// (found " + baseUrl + "): the "
                    + "API token would otherwise cross the network in clear text.", null);
        }
        this.configKey = configKey;
        this.who = who;
        this.baseUrl = baseUrl;
        this.api = api;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .sslContext(PinnedTls.context(api, configKey, who))
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Every task started at or after {@code since} (Unix seconds), finished or running, following pages. */
    List<JsonNode> tasksSince(String node, long since, int pageSize) {
        List<JsonNode> items = new ArrayList<>();
        int start = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode root = get("/api2/json/nodes/" + node + "/tasks?source=all&since=" + since + "&start=" + start
                    + "&limit=" + pageSize);
            JsonNode data = root.path("data");
            if (!data.isArray()) {
                throw new SyncFailedException("The Proxmox API of " + who + " answered without a task list "
                        + "(no \"data\" array).", null);
            }
            data.forEach(items::add);
            int total = root.path("total").asInt(-1);
            start += data.size();
            if (data.size() < pageSize || data.isEmpty() || (total >= 0 && start >= total)) {
                return items;
            }
        }
        throw new SyncFailedException("The Proxmox API of " + who + " kept sending pages past "
                + MAX_PAGES + "; stopped.", null);
    }

    /** The {@code data} array of a read-only GET; a missing array fails the read. */
    List<JsonNode> list(String pathAndQuery) {
        JsonNode data = get(pathAndQuery).path("data");
        if (!data.isArray()) {
            throw new SyncFailedException("The Proxmox API of " + who + " answered " + pathAndQuery
                    + " without a \"data\" array.", null);
        }
        List<JsonNode> items = new ArrayList<>();
        data.forEach(items::add);
        return items;
    }

    /** The {@code data} of a read-only GET, or null when the token may not read it (403: normal for some paths). */
    JsonNode readable(String pathAndQuery) {
        return readable(pathAndQuery, false);
    }

    /**
     * The {@code data} of a read-only GET, or null when the token may not read it (403); when {@code servedOrEmpty},
     * a path this Proxmox version does not serve (404, 501, or 500 with its reason) is an empty list.
     */
    JsonNode readable(String pathAndQuery, boolean servedOrEmpty) {
        JsonNode root = get(pathAndQuery, true, servedOrEmpty);
        return root == null ? null : root.path("data");
    }

    private JsonNode get(String pathAndQuery) {
        return get(pathAndQuery, false, false);
    }

    private JsonNode get(String pathAndQuery, boolean forbiddenIsNull, boolean servedOrEmpty) {
        URI uri = URI.create(stripSlash(baseUrl) + pathAndQuery);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", "PVEAPIToken=" + api.tokenId() + "=" + secret())
                .header("Accept", "application/json")
                .GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ApiUnreachableException(describe(e, uri), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncFailedException("Interrupted while calling " + uri.getHost(), e);
        }
        int status = response.statusCode();
        if (status == 401) {
            throw new SyncFailedException("The Proxmox API of " + who + " answered 401 Unauthorized: "
                    + "check the token id '" + api.tokenId() + "' and its secret.", null);
        }
        if (status == 403 && forbiddenIsNull) {
            return null;
        }
        if (servedOrEmpty && (status == 404 || status == 500 || status == 501)) {
            return LENIENT.createObjectNode().set("data", LENIENT.createArrayNode());
        }
        if (status == 403) {
            throw new SyncFailedException("The Proxmox API of " + who + " answered 403 Forbidden: give the "
                    + "token the PVEAuditor role (Sys.Audit) on the node.", null);
        }
        if (status >= 595 && status <= 599) {
            // pveproxy forwards a call for another node and passes on AnyEvent::HTTP's 59x when it cannot reach it
            throw new SyncFailedException("The Proxmox API of " + who + " answered HTTP " + status + " for "
                    + uri.getPath() + ": the answering node could not reach the node the path names (down, or "
                    + "unreachable)." + reason(response), null);
        }
        if (status < 200 || status > 299) {
            throw new SyncFailedException("The Proxmox API of " + who + " answered HTTP " + status
                    + " for " + uri.getPath() + "." + reason(response), null);
        }
        try {
            return LENIENT.readTree(response.body());
        } catch (IOException e) {
            throw new SyncFailedException("The Proxmox API of " + who + " answered with something that is "
                    + "not JSON.", e);
        }
    }

    /** Proxmox's error text ({@code message} or {@code errors} of the body), when the answer has one. */
    private static String reason(HttpResponse<byte[]> response) {
        try {
            JsonNode body = LENIENT.readTree(response.body());
            String message = body == null ? "" : body.path("message").asText("").strip();
            if (message.isEmpty() && body != null && body.path("errors").isObject()) {
                message = body.path("errors").toString();
            }
            return message.isEmpty() ? "" : " " + (message.length() > 300 ? message.substring(0, 300) : message);
        } catch (IOException e) {
            return "";
        }
    }

    private String describe(IOException e, URI uri) {
        String where = uri.getHost() + ":" + uri.getPort();
        if (e instanceof HttpTimeoutException) {
            return "Timeout after " + timeout.toSeconds() + " s calling " + where + ".";
        }
        Throwable tls = find(e, java.security.cert.CertificateException.class);
        if (tls == null) {
            tls = find(e, SSLException.class);
        }
        if (tls != null) {
            return "TLS: the certificate of " + where + " was refused: " + tls.getMessage()
                    + ". Check " + configKey + ".fingerprint (or .ca-file).";
        }
        if (find(e, UnknownHostException.class) != null) {
            return "DNS: cannot resolve " + uri.getHost() + ".";
        }
        Throwable refused = find(e, ConnectException.class);
        if (refused != null) {
            return "Cannot connect to " + where + ": " + refused.getMessage() + ".";
        }
        return "Calling " + where + " failed: " + e + ".";
    }

    private static Throwable find(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    private String secret() {
        if (api.tokenSecretFile().isPresent()) {
            try {
                return Files.readString(Path.of(api.tokenSecretFile().get())).trim();
            } catch (IOException e) {
                throw new SyncFailedException("Cannot read the token secret file of " + who + ": "
                        + e.getMessage(), e);
            }
        }
        return api.tokenSecret().orElseThrow(() -> new SyncFailedException("The " + who + " has no token "
                + "secret: set " + configKey + ".token-secret-file or .token-secret.", null));
    }

    private static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
