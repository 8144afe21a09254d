package changeledger.report;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the month says about a host (DESIGN "Verdicts"). */
public enum Verdict {
    /** Changes and disruption minutes within the host's budget. */
    WITHIN_BUDGET("within budget"),
    /** At least one budget exceeded; the reasons say which. */
    OVER_BUDGET("over budget"),
    /** The host has no budget (the lab default): figures only. */
    INFORMATIONAL("informational"),
    /** No events of the host in the month. */
    NO_DATA("no data");

    private final String text;

    Verdict(String text) {
        this.text = text;
    }

    /** The words the report shows. */
    @JsonValue
    public String text() {
        return text;
    }
}
