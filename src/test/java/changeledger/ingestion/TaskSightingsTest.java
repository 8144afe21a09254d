package changeledger.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TaskSightingsTest {

    @Test
    void givenKeysWithTies_whenSortingPositions_thenTheOrderOfAStableSort() {
        Random random = new Random(5);
        for (int size : new int[] {0, 1, 2, 3, 7, 64, 1_000, 4_097}) {
            int[] keys = random.ints(size, 0, Math.max(1, size / 3)).toArray();

            int[] sorted = TaskSightings.sortedPositions(size, (a, b) -> Integer.compare(keys[a], keys[b]));

            List<Integer> expected = IntStream.range(0, size).boxed()
                    .sorted(Comparator.comparingInt(p -> keys[p])).toList();
            assertThat(sorted).as("size %d", size).containsExactly(expected.stream().mapToInt(i -> i).toArray());
        }
    }

    @Test
    void givenIndexLines_whenReadInChunks_thenByUpidWithBlankLinesAndCommentsSkipped() {
        String body = "UPID:b 1 OK\n\n# comment\nUPID:a 1 OK\njunk\nUPID:b 2 OK\n";
        TaskSightings sightings = TaskSightings.of(IngestionBody.lines(body.getBytes(StandardCharsets.UTF_8), 1_000, 1_000));

        List<LineOutcome<TaskFact>> all = sightings.chunk(0, sightings.size());

        assertThat(all).extracting(LineOutcome::lineNumber).containsExactly(4, 1, 6, 5);
        assertThat(sightings.chunk(2, 2)).extracting(LineOutcome::lineNumber).containsExactly(4, 1);
    }
}
