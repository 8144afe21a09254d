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

/** Reads {@code GET /api2/json/nodes/{node}/tasks} page by page from one host's Proxmox API. */
final class ProxmoxApiClient {

    private static final int MAX_PAGES = 10_000;
    private static final ObjectMapper LENIENT = new ObjectMapper();

    private final String hostId;
    private final ProxmoxPullConfig.HostApi api;
    private final HttpClient http;
    private final Duration timeout;

    ProxmoxApiClient(String hostId, ProxmoxPullConfig.HostApi api, Duration timeout) {
        if (!api.baseUrl().regionMatches(true, 0, "https://", 0, 8)) {
            throw new SyncFailedException("changeledger.proxmox.hosts." + hostId + ".base-url must be https://: the "
                    + "API token would otherwise cross the network in clear text.", null);
        }
        this.hostId = hostId;
        this.api = api;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .sslContext(PinnedTls.context(api, hostId))
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
                throw new SyncFailedException("The Proxmox API of host '" + hostId + "' answered without a task list "
                        + "(no \"data\" array).", null);
            }
            data.forEach(items::add);
            int total = root.path("total").asInt(-1);
            start += data.size();
            if (data.size() < pageSize || data.isEmpty() || (total >= 0 && start >= total)) {
                return items;
            }
        }
        throw new SyncFailedException("The Proxmox API of host '" + hostId + "' kept sending pages past "
                + MAX_PAGES + "; stopped.", null);
    }

    /** The {@code data} of a read-only GET, or null when the token may not read it (403: normal for some paths). */
    JsonNode readable(String pathAndQuery) {
        JsonNode root = get(pathAndQuery, true);
        return root == null ? null : root.path("data");
    }

    private JsonNode get(String pathAndQuery) {
        return get(pathAndQuery, false);
    }

    private JsonNode get(String pathAndQuery, boolean forbiddenIsNull) {
        URI uri = URI.create(stripSlash(api.baseUrl()) + pathAndQuery);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", "PVEAPIToken=" + api.tokenId() + "=" + secret())
                .header("Accept", "application/json")
                .GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new SyncFailedException(describe(e, uri), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncFailedException("Interrupted while calling " + uri.getHost(), e);
        }
        int status = response.statusCode();
        if (status == 401) {
            throw new SyncFailedException("The Proxmox API of host '" + hostId + "' answered 401 Unauthorized: "
                    + "check the token id '" + api.tokenId() + "' and its secret.", null);
        }
        if (status == 403 && forbiddenIsNull) {
            return null;
        }
        if (status == 403) {
            throw new SyncFailedException("The Proxmox API of host '" + hostId + "' answered 403 Forbidden: give the "
                    + "token the PVEAuditor role (Sys.Audit) on the node.", null);
        }
        if (status < 200 || status > 299) {
            throw new SyncFailedException("The Proxmox API of host '" + hostId + "' answered HTTP " + status
                    + " for " + uri.getPath() + ".", null);
        }
        try {
            return LENIENT.readTree(response.body());
        } catch (IOException e) {
            throw new SyncFailedException("The Proxmox API of host '" + hostId + "' answered with something that is "
                    + "not JSON.", e);
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
                    + ". Check changeledger.proxmox.hosts." + hostId + ".fingerprint (or .ca-file).";
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
                throw new SyncFailedException("Cannot read the token secret file of host '" + hostId + "': "
                        + e.getMessage(), e);
            }
        }
        return api.tokenSecret().orElseThrow(() -> new SyncFailedException("Host '" + hostId + "' has no token "
                + "secret: set changeledger.proxmox.hosts." + hostId + ".token-secret-file or .token-secret.", null));
    }

    private static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
