package changeledger.alert;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds of target ({@code changeledger.alerts.targets.<name>.type}). */
public enum TargetType {
    WEBHOOK("webhook"), NTFY("ntfy"), GOTIFY("gotify");

    private final String wireName;

    TargetType(String wireName) {
        this.wireName = wireName;
    }

    /** The type of a configured name. */
    public static Optional<TargetType> of(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    /** Every name, for messages. */
    public static String names() {
        return Arrays.stream(values()).map(t -> t.wireName).collect(Collectors.joining(", "));
    }
}
