package changeledger.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check the service runs at start ({@link AlertSettings} is a startup bean): the real configuration mapping, and
 * a wrong rule or target stops the start with a message naming the key.
 */
class AlertSettingsTest {

    @Test
    void givenARuleNamingAnUnknownTarget_thenTheStartStopsNamingTheRuleAndTheTargets() {
        Map<String, String> config = valid();
        config.put("changeledger.alerts.rules.unplanned.targets", "hook,pager");

        assertThatThrownBy(() -> settings(config)).isInstanceOf(AlertConfigurationException.class)
                .hasMessage("changeledger.alerts.rules.unplanned.targets names unknown target [pager]; configured "
                        + "targets: [hook] (define changeledger.alerts.targets.pager.type and .url, or remove it "
                        + "from the rule).");
    }

    @Test
    void givenAnUnknownKindOrType_thenTheStartStopsListingTheKnownOnes() {
        Map<String, String> kind = valid();
        kind.put("changeledger.alerts.rules.unplanned.on", "unplanned");
        assertThatThrownBy(() -> settings(kind)).hasMessageStartingWith(
                "changeledger.alerts.rules.unplanned.on is 'unplanned'; use one of unplanned-change, security-change");

        Map<String, String> type = valid();
        type.put("changeledger.alerts.targets.hook.type", "slack");
        assertThatThrownBy(() -> settings(type)).hasMessage(
                "changeledger.alerts.targets.hook.type is 'slack'; use one of webhook, ntfy, gotify.");
    }

    @Test
    void givenAGotifyTargetWithoutToken_orAnNtfyAddressWithoutTopic_thenTheStartStops() {
        Map<String, String> gotify = valid();
        gotify.put("changeledger.alerts.targets.hook.type", "gotify");
        assertThatThrownBy(() -> settings(gotify)).hasMessageContaining("Gotify target without a token");

        Map<String, String> ntfy = valid();
        ntfy.put("changeledger.alerts.targets.hook.type", "ntfy");
        ntfy.put("changeledger.alerts.targets.hook.url", "https://ntfy.sh/");
        assertThatThrownBy(() -> settings(ntfy)).hasMessageContaining("must name the ntfy topic");
    }

    @Test
    void givenATokenFile_thenItsContentIsTheToken_andToStringNamesNoSecret(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("gotify.token"), "AbCdEf123\n");
        Map<String, String> config = valid();
        config.put("changeledger.alerts.targets.hook.type", "gotify");
        config.put("changeledger.alerts.targets.hook.token-file", file.toString());
        config.put("changeledger.alerts.rules.unplanned.hosts", "pve-infra");

        AlertSettings settings = settings(config);

        AlertTarget target = settings.targets().get("hook");
        assertThat(target.token()).isEqualTo("AbCdEf123");
        assertThat(target.toString()).doesNotContain("AbCdEf123");
        AlertRule rule = settings.rules().get(0);
        assertThat(rule.kind()).isEqualTo(AlertKind.UNPLANNED_CHANGE);
        assertThat(rule.watches("pve-infra")).isTrue();
        assertThat(rule.watches("pve-lab")).isFalse();
        assertThat(rule.burstCount()).isEqualTo(5);
    }

    private static Map<String, String> valid() {
        Map<String, String> config = new HashMap<>();
        config.put("changeledger.alerts.targets.hook.type", "webhook");
        config.put("changeledger.alerts.targets.hook.url", "https://hooks.example/alerts");
        config.put("changeledger.alerts.rules.unplanned.on", "unplanned-change");
        config.put("changeledger.alerts.rules.unplanned.targets", "hook");
        return config;
    }

    private static AlertSettings settings(Map<String, String> properties) {
        // the duration format Quarkus reads ("10m"), as in the service
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(AlertConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        return new AlertSettings(config.getConfigMapping(AlertConfig.class));
    }
}
