package changeledger.alert;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a rule fires on ({@code changeledger.alerts.rules.<name>.on}). */
public enum AlertKind {
    UNPLANNED_CHANGE("unplanned-change"),
    SECURITY_CHANGE("security-change"),
    DISRUPTION("disruption"),
    FAILED_TASK("failed-task"),
    BURST("burst"),
    OVER_BUDGET("over-budget"),
    EVIDENCE_GAP("evidence-gap"),
    SYNC_FAILING("sync-failing"),
    SEAL_BROKEN("seal-broken"),
    /** A host joined a cluster whose members then were of different trust zones (ADR 0062). */
    MIXED_ZONES("mixed-zones");

    private final String wireName;

    AlertKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name in configuration and in alerts. */
    public String wireName() {
        return wireName;
    }

    /** The kind of a configured name. */
    public static Optional<AlertKind> of(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }

    /** Every name, for messages. */
    public static String names() {
        return Arrays.stream(values()).map(AlertKind::wireName).collect(Collectors.joining(", "));
    }
}
