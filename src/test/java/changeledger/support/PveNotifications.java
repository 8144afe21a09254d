package changeledger.support;

import static changeledger.support.Api.as;

import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Proxmox notification bodies as the webhook template of docs/ingestion.md renders them, from
 * {@code src/test/resources/proxmox/notifications/} (its README cites the Proxmox source of each), and their upload.
 */
public final class PveNotifications {

    private PveNotifications() {
    }

    /** The body of fixture {@code name}, e.g. {@code vzdump-failed.json}. */
    public static String fixture(String name) {
        try (InputStream in = PveNotifications.class.getResourceAsStream("/proxmox/notifications/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no notification fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Posts a body to a host's notification endpoint with {@code token} and a content type. */
    public static ValidatableResponse post(String token, String hostId, String contentType, String body) {
        return as(token).contentType(contentType).body(body)
                .post("/api/v1/hosts/" + hostId + "/ingest/pve-notification").then();
    }
}
