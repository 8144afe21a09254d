package changeledger.alert;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Alert rules, their targets and delivery ({@code changeledger.alerts.*}); see docs/alerts.md. */
@ConfigMapping(prefix = "changeledger.alerts")
public interface AlertConfig {

    /** The targets by name: where alerts go. */
    Map<String, Target> targets();

    /** The rules by name: what raises an alert, for which hosts, to which targets. */
    Map<String, Rule> rules();

    /** How often the deliverer looks for alerts due (a Quarkus scheduler expression; {@code off} disables it). */
    @WithDefault("5s")
    String deliveryInterval();

    /** How long one delivery may take (connect and answer) before it counts as failed. */
    @WithDefault("10s")
    Duration timeout();

    /** The wait after a first failed delivery; it doubles with every further failure, up to {@link #maxBackoff()}. */
    @WithDefault("30s")
    Duration initialBackoff();

    /** The longest wait between two tries. */
    @WithDefault("1h")
    Duration maxBackoff();

    /** How often the conditions that are no single event (budget, sync, seal) are checked; {@code off} disables it. */
    @WithDefault("5m")
    String conditionInterval();

    /** The service's address as people reach it, for the link in an alert (e.g. {@code https://ledger.example}). */
    Optional<String> publicUrl();

    /** One target. */
    interface Target {

        /** {@code webhook} (JSON), {@code ntfy} or {@code gotify}. */
        String type();

        /**
         * Where to send: the webhook's address, the ntfy topic's address ({@code https://ntfy.sh/<topic>}), or the
         * Gotify server's address (the service posts to {@code <url>/message}).
         */
        String url();

        /** The ntfy access token or the Gotify application token; never logged nor stored. */
        Optional<String> token();

        /** A file holding the token (read at start), instead of {@link #token()}. */
        Optional<Path> tokenFile();

        /** For a webhook: the secret that signs the body (HMAC-SHA256 in {@code X-Changeledger-Signature}). */
        Optional<String> hmacSecret();

        /** The priority on ntfy (1-5, default 4) or Gotify (0-10, default 8). */
        Optional<Integer> priority();
    }

    /** One rule. */
    interface Rule {

        /**
         * What it fires on: {@code unplanned-change}, {@code security-change}, {@code disruption},
         * {@code failed-task}, {@code burst}, {@code over-budget}, {@code evidence-gap}, {@code sync-failing} or
         * {@code seal-broken}.
         */
        String on();

        /** The host ids it watches; absent: all hosts. */
        Optional<List<String>> hosts();

        /** The names of the targets it sends to. */
        List<String> targets();

        /** For {@code burst}: it fires when more than this many of the tasks happen within the window. */
        @WithDefault("5")
        int burstCount();

        /** For {@code burst}: the window. */
        @WithDefault("10m")
        Duration burstWindow();

        /** For {@code burst}: the task types it counts (default: guest destroys). */
        @WithDefault("qmdestroy,vzdestroy")
        List<String> burstTasks();

        /** For {@code sync-failing}: how long pulls of a host may fail before it fires. */
        @WithDefault("1h")
        Duration syncBound();
    }
}
