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
                position -> lines.fault(position) != null
                        ? new LineOutcome.Rejected<>(position + 1, lines.line(position), lines.fault(position))
                        : TaskFileParser.parseOrSkip(position + 1, lines.line(position)));
    }

    /** The items of a task list body, each parsed when its chunk is read. */
    static TaskSightings of(JsonItems items) {
        return new TaskSightings(sortedPositions(items.size(), items::compareUpids),
                position -> TaskJsonParser.parseItem(position + 1, items.item(position)));
    }

    /** Sightings parsed already (the pull connector). */
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

    /**
     * Positions {@code 0..size-1} in the comparator's order, equal ones in their own order: a bottom-up merge
     * sort on plain int arrays (no boxed position per line), that only copies runs already in order, as the
     * lines of a task index mostly are.
     */
    static int[] sortedPositions(int size, PositionComparator comparator) {
        int[] from = IntStream.range(0, size).toArray();
        int[] to = new int[size];
        for (int width = 1; width < size; width *= 2) {
            for (int low = 0; low < size; low += 2 * width) {
                int mid = Math.min(low + width, size);
                int high = Math.min(low + 2 * width, size);
                if (mid == high || comparator.compare(from[mid - 1], from[mid]) <= 0) {
                    System.arraycopy(from, low, to, low, high - low);
                    continue;
                }
                int left = low;
                int right = mid;
                int out = low;
                while (left < mid && right < high) {
                    to[out++] = comparator.compare(from[right], from[left]) < 0 ? from[right++] : from[left++];
                }
                System.arraycopy(from, left, to, out, mid - left);
                System.arraycopy(from, right, to, out + mid - left, high - right);
            }
            int[] sorted = to;
            to = from;
            from = sorted;
        }
        return from;
    }

    /** Compares two positions. */
    @FunctionalInterface
    interface PositionComparator {
        int compare(int a, int b);
    }
}
