package changeledger.evidence;

import java.time.Instant;

/**
 * Events of a host's evidence stream ({@code Evidence / <hostId>}): gaps in its record. Signs of life are not events;
 * these are, so a report is the same after a replay.
 */
public sealed interface EvidenceEvent {

    /** The aggregate type of evidence streams. */
    String AGGREGATE_TYPE = "Evidence";

    /** The host. */
    String hostId();

    /** Every source of the host that reports tasks has been silent since {@code from}, longer than allowed. */
    record EvidenceGapOpened(String hostId, String source, Instant from) implements EvidenceEvent {
    }

    /** Data came again at {@code to}: the open gap of the host ends there. */
    record EvidenceGapClosed(String hostId, String source, Instant to) implements EvidenceEvent {
    }

    /** The collector reported that lines of a source may be lost in {@code [from, to)}: a gap opened and closed. */
    record EvidenceLossReported(String hostId, String source, Instant from, Instant to) implements EvidenceEvent {
    }
}
