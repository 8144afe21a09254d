package changeledger.alert;

import changeledger.alert.AlertEvent.AlertRaised;
import changeledger.domain.Hmac;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * The request each kind of target takes, in its own format:
 * <ul>
 * <li>webhook: the alert as JSON {@code {alertId, rule, on, hostId, occurredAt, title, message, link, events}},
 * signed with HMAC-SHA256 of the body in {@code X-Changeledger-Signature: sha256=<hex>} when a secret is set;</li>
 * <li>ntfy: "publish as JSON" (https://docs.ntfy.sh/publish/#publish-as-json): a POST to the server's root with
 * {@code {topic, title, message, priority, tags, click}}, the token as {@code Authorization: Bearer}
 * (https://docs.ntfy.sh/publish/#access-tokens);</li>
 * <li>Gotify: {@code POST /message} (gotify/server {@code api/message.go}, model {@code model/message.go}:
 * {@code message} required, {@code title}, {@code priority}, {@code extras}) with the application token in
 * {@code X-Gotify-Key} (gotify/server {@code auth/authentication.go}); the link as the {@code client::notification} click
 * extra (https://gotify.net/docs/msgextras).</li>
 * </ul>
 */
final class AlertMessages {

    /** The header of a webhook's signature. */
    static final String SIGNATURE_HEADER = Hmac.SIGNATURE_HEADER;

    private static final int NTFY_DEFAULT_PRIORITY = 4;
    private static final int GOTIFY_DEFAULT_PRIORITY = 8;

    private final ObjectMapper mapper;
    private final Duration timeout;

    AlertMessages(ObjectMapper mapper, Duration timeout) {
        this.mapper = mapper;
        this.timeout = timeout;
    }

    /** The request that delivers {@code alert} to {@code target}. */
    HttpRequest request(AlertTarget target, AlertRaised alert) {
        return switch (target.type()) {
            case WEBHOOK -> webhook(target, alert);
            case NTFY -> ntfy(target, alert);
            case GOTIFY -> gotify(target, alert);
        };
    }

    private HttpRequest webhook(AlertTarget target, AlertRaised alert) {
        ObjectNode body = mapper.createObjectNode();
        body.put("alertId", alert.alertId());
        body.put("rule", alert.rule());
        body.put("on", alert.on());
        body.put("hostId", alert.hostId());
        body.put("occurredAt", alert.occurredAt().toString());
        body.put("title", alert.title());
        body.put("message", alert.message());
        body.put("link", alert.link());
        alert.events().forEach(body.putArray("events")::add);
        byte[] bytes = bytes(body);
        HttpRequest.Builder request = json(target.url(), bytes).header("X-Changeledger-Alert-Id", alert.alertId());
        if (target.hmacSecret() != null) {
            request.header(SIGNATURE_HEADER, Hmac.signature(target.hmacSecret(), bytes));
        }
        return request.build();
    }

    private HttpRequest ntfy(AlertTarget target, AlertRaised alert) {
        URI topicUrl = target.url();
        String topic = AlertSettings.topic(topicUrl).orElseThrow();
        String path = topicUrl.getPath().replaceAll("/+$", "");
        URI root = topicUrl.resolve(path.substring(0, path.length() - topic.length()));
        ObjectNode body = mapper.createObjectNode();
        body.put("topic", topic);
        body.put("title", alert.title());
        body.put("message", alert.message());
        body.put("priority", target.priority() != null ? target.priority() : NTFY_DEFAULT_PRIORITY);
        body.putArray("tags").add("warning").add(alert.on());
        if (alert.link() != null) {
            body.put("click", alert.link());
        }
        HttpRequest.Builder request = json(root, bytes(body));
        if (target.token() != null) {
            request.header("Authorization", "Bearer " + target.token());
        }
        return request.build();
    }

    private HttpRequest gotify(AlertTarget target, AlertRaised alert) {
        String base = target.url().toString().replaceAll("/+$", "");
        ObjectNode body = mapper.createObjectNode();
        body.put("title", alert.title());
        body.put("message", alert.message());
        body.put("priority", target.priority() != null ? target.priority() : GOTIFY_DEFAULT_PRIORITY);
        if (alert.link() != null) {
            body.putObject("extras").putObject("client::notification").putObject("click").put("url", alert.link());
        }
        return json(URI.create(base + "/message"), bytes(body)).header("X-Gotify-Key", target.token()).build();
    }

    private HttpRequest.Builder json(URI uri, byte[] body) {
        return HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private byte[] bytes(ObjectNode body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
