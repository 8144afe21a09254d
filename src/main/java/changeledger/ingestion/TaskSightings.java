package changeledger.ingestion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * An upload's task sightings in the order their streams are written, read a chunk at a time. The order is
 * the event store's global stream order (by UPID text, the part of the stream id that differs; stable, so
 * the lines of one task keep their order): an upload appended in several statements still writes its
 * streams in one global order, and concurrent uploads of the same tasks wait for each other instead of
 * deadlocking. Lines that say nothing (blank, comments) are skipped.
 */
final class TaskSightings {

    private final int[] order;
    private final IntFunction<LineOutcome<TaskFact>> outcomeAt;

    private TaskSightings(int[] order, IntFunction<LineOutcome<TaskFact>> outcomeAt) {
        this.order = order;
        this.outcomeAt = outcomeAt;
    }

    /** The lines of a task file body, each parsed when its chunk is read. */
    static TaskSightings of(BodyLines lines) {
        return new TaskSightings(sortedPositions(lines.size(), lines::compareFirstWords),
                position -> TaskFileParser.parseOrSkip(position + 1, lines.line(position)));
    }

    /** Sightings parsed already (API JSON, the pull connector). */
    static TaskSightings of(List<LineOutcome<TaskFact>> outcomes) {
        Comparator<Integer> byUpid = Comparator.comparing(position -> upidText(outcomes.get(position)));
        return new TaskSightings(sortedPositions(outcomes.size(), byUpid::compare), outcomes::get);
    }

    /** How many positions there are to read (skipped lines included). */
    int size() {
        return order.length;
    }

    /** The sightings at positions {@code from} to {@code from + count} (exclusive) of the write order. */
    List<LineOutcome<TaskFact>> chunk(int from, int count) {
        int to = Math.min(order.length, from + count);
        List<LineOutcome<TaskFact>> chunk = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            LineOutcome<TaskFact> outcome = outcomeAt.apply(order[i]);
            if (outcome != null) {
                chunk.add(outcome);
            }
        }
        return chunk;
    }

    private static String upidText(LineOutcome<TaskFact> outcome) {
        return outcome instanceof LineOutcome.Accepted<TaskFact> accepted ? accepted.fact().upid().text() : "";
    }

    private static int[] sortedPositions(int size, PositionComparator comparator) {
        return IntStream.range(0, size).boxed().sorted(comparator::compare).mapToInt(Integer::intValue).toArray();
    }

    @FunctionalInterface
    private interface PositionComparator {
        int compare(int a, int b);
    }
}
