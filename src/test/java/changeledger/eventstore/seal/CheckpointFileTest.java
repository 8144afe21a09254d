package changeledger.eventstore.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {

    private static final String A = "0123456789abcdef".repeat(4);
    private static final String B = "fedcba9876543210".repeat(4);

    @TempDir
    Path directory;

    @Test
    void givenTwoAppends_whenTheLastIsRead_thenItIsTheSecondWithEveryField() throws Exception {
        Path file = directory.resolve("checkpoints.jsonl");
        Instant sealedAt = Instant.parse("2026-12-07T14:00:00.123456Z");

        CheckpointFile.append(file, new Checkpoint(3, 40, A, sealedAt), Instant.parse("2026-12-07T15:00:00Z"));
        CheckpointFile.append(file, new Checkpoint(7, 44, B, sealedAt), Instant.parse("2026-12-07T16:00:00Z"));

        assertThat(Files.readAllLines(file)).hasSize(2);
        assertThat(CheckpointFile.last(file).orElseThrow().checkpoint()).isEqualTo(new Checkpoint(7, 44, B, sealedAt));
    }

    @Test
    void givenALineACrashCutShort_whenAppendedAndRead_thenTheNewLineIsWholeAndTheLast() throws Exception {
        Path file = directory.resolve("checkpoints.jsonl");
        CheckpointFile.append(file, new Checkpoint(3, 40, A, null), Instant.now());
        Files.writeString(file, "{\"position\":5,\"eventPo", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertThat(CheckpointFile.last(file).orElseThrow().checkpoint().position()).isEqualTo(3);

        CheckpointFile.append(file, new Checkpoint(6, 43, B, null), Instant.now());

        assertThat(Files.readAllLines(file)).hasSize(3).last().asString().startsWith("{\"position\":6,");
        assertThat(CheckpointFile.last(file).orElseThrow().checkpoint().hash()).isEqualTo(B);
    }

    @Test
    void givenTheCheckpointApiAnswerSaved_whenRead_thenItIsACheckpoint() throws Exception {
        Path file = directory.resolve("saved.json");
        Files.writeString(file, "{\"position\":12,\"eventPosition\":30,\"hash\":\"" + A.toUpperCase()
                + "\",\"at\":\"2026-12-07T14:00:00Z\"}\n\n");

        assertThat(CheckpointFile.last(file).orElseThrow().checkpoint())
                .isEqualTo(new Checkpoint(12, 30, A, Instant.parse("2026-12-07T14:00:00Z")));
    }

    @Test
    void givenNoCheckpointLine_whenRead_thenEmpty() throws Exception {
        Path file = directory.resolve("junk.jsonl");
        Files.writeString(file, "not json\n{\"position\":0,\"hash\":\"" + A + "\"}\n{\"position\":4,\"hash\":\"xyz\"}\n");

        assertThat(CheckpointFile.last(file)).isEmpty();
    }
}
