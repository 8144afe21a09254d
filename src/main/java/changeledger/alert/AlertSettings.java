package changeledger.alert;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The alert configuration, checked when the service starts: a rule that names an unknown target or kind, a target of
 * an unknown type or without an address, stops the start with a message that names the key to fix. It is checked
 * before the processors start, so a refused start has nothing to stop.
 */
@ApplicationScoped
@Startup(ObserverMethod.DEFAULT_PRIORITY - 1000)
public class AlertSettings {

    private static final String PREFIX = "changeledger.alerts.";

    private final Map<String, AlertTarget> targets;
    private final List<AlertRule> rules;

    /** Checks the configuration; throws {@link AlertConfigurationException} when it is wrong. */
    @Inject
    public AlertSettings(AlertConfig config) {
        this(config.targets(), config.rules());
    }

    /** Checks targets and rules as configured. */
    public AlertSettings(Map<String, AlertConfig.Target> targets, Map<String, AlertConfig.Rule> rules) {
        this.targets = targets(targets);
        this.rules = rules(rules, this.targets);
    }

    /** The targets by name. */
    public Map<String, AlertTarget> targets() {
        return targets;
    }

    /** The rules, by name. */
    public List<AlertRule> rules() {
        return rules;
    }

    /** The rules of one kind. */
    public List<AlertRule> rules(AlertKind kind) {
        return rules.stream().filter(r -> r.kind() == kind).toList();
    }

    /** The target of a name, if it is still configured. */
    public Optional<AlertTarget> target(String name) {
        return Optional.ofNullable(targets.get(name));
    }

    private static Map<String, AlertTarget> targets(Map<String, AlertConfig.Target> configured) {
        Map<String, AlertTarget> targets = new TreeMap<>();
        configured.forEach((name, target) -> {
            String key = PREFIX + "targets." + name;
            TargetType type = TargetType.of(target.type()).orElseThrow(() -> new AlertConfigurationException(
                    key + ".type is '" + target.type() + "'; use one of " + TargetType.names() + "."));
            URI url;
            try {
                url = URI.create(target.url().trim());
            } catch (IllegalArgumentException e) {
                throw new AlertConfigurationException(key + ".url is not an address: " + e.getMessage());
            }
            if (url.getScheme() == null || !Set.of("http", "https").contains(url.getScheme().toLowerCase())
                    || url.getHost() == null) {
                throw new AlertConfigurationException(key + ".url must be an http:// or https:// address.");
            }
            if (type == TargetType.NTFY && topic(url).isEmpty()) {
                throw new AlertConfigurationException(key + ".url must name the ntfy topic, as in "
                        + "https://ntfy.sh/<topic>.");
            }
            String token = token(key, target);
            if (type == TargetType.GOTIFY && token == null) {
                throw new AlertConfigurationException(key + " is a Gotify target without a token: set " + key
                        + ".token or " + key + ".token-file to the application token.");
            }
            if (target.hmacSecret().isPresent() && type != TargetType.WEBHOOK) {
                throw new AlertConfigurationException(key + ".hmac-secret applies to webhook targets only.");
            }
            targets.put(name, new AlertTarget(name, type, url, token, target.hmacSecret().orElse(null),
                    target.priority().orElse(null)));
        });
        return Map.copyOf(targets);
    }

    private static String token(String key, AlertConfig.Target target) {
        if (target.token().isPresent() && target.tokenFile().isPresent()) {
            throw new AlertConfigurationException(key + ".token and " + key + ".token-file are both set; keep one.");
        }
        if (target.tokenFile().isPresent()) {
            try {
                return Files.readString(target.tokenFile().get(), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new AlertConfigurationException(key + ".token-file cannot be read: " + e.getMessage());
            }
        }
        return target.token().map(String::trim).orElse(null);
    }

    private static List<AlertRule> rules(Map<String, AlertConfig.Rule> configured, Map<String, AlertTarget> targets) {
        Map<String, AlertRule> rules = new TreeMap<>();
        configured.forEach((name, rule) -> {
            String key = PREFIX + "rules." + name;
            AlertKind kind = AlertKind.of(rule.on()).orElseThrow(() -> new AlertConfigurationException(
                    key + ".on is '" + rule.on() + "'; use one of " + AlertKind.names() + "."));
            if (rule.targets().isEmpty()) {
                throw new AlertConfigurationException(key + ".targets is empty; name at least one target.");
            }
            List<String> unknown = new ArrayList<>();
            for (String target : rule.targets()) {
                if (!targets.containsKey(target)) {
                    unknown.add(target);
                }
            }
            if (!unknown.isEmpty()) {
                throw new AlertConfigurationException(key + ".targets names unknown target" + (unknown.size() > 1
                        ? "s " : " ") + unknown + "; configured targets: " + targets.keySet() + " (define "
                        + PREFIX + "targets." + unknown.get(0) + ".type and .url, or remove it from the rule).");
            }
            if (rule.burstCount() < 1 || rule.burstWindow().isZero() || rule.burstWindow().isNegative()) {
                throw new AlertConfigurationException(key + ".burst-count must be at least 1 and " + key
                        + ".burst-window longer than zero.");
            }
            Set<String> hosts = rule.hosts().map(HashSet::new).map(Set::copyOf).orElse(null);
            rules.put(name, new AlertRule(name, kind, hosts, rule.targets().stream().distinct().toList(),
                    rule.burstCount(), rule.burstWindow(), Set.copyOf(rule.burstTasks()), rule.syncBound()));
        });
        return List.copyOf(rules.values());
    }

    /** The ntfy topic of a topic address: its last path segment. */
    static Optional<String> topic(URI url) {
        String path = url.getPath() == null ? "" : url.getPath().replaceAll("/+$", "");
        int slash = path.lastIndexOf('/');
        String topic = slash < 0 ? path : path.substring(slash + 1);
        return topic.isEmpty() ? Optional.empty() : Optional.of(topic);
    }
}
