package changeledger.report;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the month says about a host (DESIGN "What counts as one change"): {@link VerdictRule} picks the first. */
public enum Verdict {
    /** No event of the host, no sign of life and no disruption window in the month. */
    NO_DATA("no data"),
    /** The host has no budget (the lab default): figures only, problems still listed. */
    INFORMATIONAL("informational"),
    /** At least one budget exceeded; the reasons say which. */
    OVER_BUDGET("over budget"),
    /** Within both budgets, but the host requires change requests and had changes no request covers; named. */
    UNPLANNED_CHANGES("unplanned changes"),
    /** Within budget, but collection gaps in the month leave the record incomplete; listed. */
    INCOMPLETE_EVIDENCE("incomplete evidence"),
    /** Changes and disruption minutes within the host's budget, every change covered where required. */
    WITHIN_BUDGET("within budget");

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
