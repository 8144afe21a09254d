package changeledger.ingestion;

import changeledger.eventstore.AppendResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The answer to an ingestion upload: lines that added at least one event, lines that added none,
 * lines that are not changes, and lines refused with their reasons.
 *
 * @param accepted   lines or items that added at least one event
 * @param duplicates lines or items that added none (already recorded)
 * @param ignored    lines that are not changes (e.g. access-log reads)
 * @param rejected   lines refused, in line order
 */
public record IngestionResult(int accepted, int duplicates, int ignored, List<RejectedLine> rejected) {

    /**
     * A refused line.
     *
     * @param lineNumber its number (or the JSON item's position), from 1
     * @param line       the line as received
     * @param reason     why it was refused
     */
    public record RejectedLine(int lineNumber, String line, String reason) {
    }

    /** Copies the rejected lines. */
    public IngestionResult {
        rejected = List.copyOf(rejected);
    }

    /** Counts a plan's lines once its appends are done: a line counts as accepted if any of its events is new. */
    public static IngestionResult tally(IngestionPlan plan, AppendResult appended) {
        Set<UUID> stored = new HashSet<>();
        appended.appended().forEach(a -> stored.add(a.eventId()));
        int accepted = 0;
        int duplicates = 0;
        int ignored = 0;
        List<RejectedLine> rejected = new ArrayList<>();
        for (PlannedLine line : plan.lines()) {
            switch (line.kind()) {
                case NEW_EVENTS -> {
                    if (line.eventIds().stream().anyMatch(stored::contains)) {
                        accepted++;
                    } else {
                        duplicates++;
                    }
                }
                case DUPLICATE -> duplicates++;
                case IGNORED -> ignored++;
                case REJECTED -> rejected.add(new RejectedLine(line.lineNumber(), line.line(), line.reason()));
                default -> throw new IllegalStateException("unknown kind " + line.kind());
            }
        }
        return new IngestionResult(accepted, duplicates, ignored, rejected);
    }

    /** The counts of an upload's parts added up, rejected lines in line order. */
    public static IngestionResult combine(List<IngestionResult> parts) {
        int accepted = 0;
        int duplicates = 0;
        int ignored = 0;
        List<RejectedLine> rejected = new ArrayList<>();
        for (IngestionResult part : parts) {
            accepted += part.accepted();
            duplicates += part.duplicates();
            ignored += part.ignored();
            rejected.addAll(part.rejected());
        }
        rejected.sort(Comparator.comparingInt(RejectedLine::lineNumber));
        return new IngestionResult(accepted, duplicates, ignored, rejected);
    }

    /**
     * Whether the upload is unprocessable (422): lines were rejected and none was accepted, a duplicate
     * or ignored. An upload with no lines at all is not (a collector with nothing new sends one).
     */
    public boolean unprocessable() {
        return !rejected.isEmpty() && accepted == 0 && duplicates == 0 && ignored == 0;
    }
}
