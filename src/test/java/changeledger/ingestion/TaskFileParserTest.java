package changeledger.ingestion;

import static changeledger.support.TaskLines.activeFinished;
import static changeledger.support.TaskLines.activeRunning;
import static changeledger.support.TaskLines.index;
import static changeledger.support.UpidBuilder.upid;
import static org.assertj.core.api.Assertions.assertThat;

import changeledger.support.TaskLineGenerator;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskFileParserTest {

    private static final String UPID = upid().type("qmshutdown").id("105").text();
    private static final Instant END = Instant.parse("2026-11-01T10:02:03Z");

    private static TaskFact accepted(LineOutcome<TaskFact> outcome) {
        assertThat(outcome).isInstanceOf(LineOutcome.Accepted.class);
        return ((LineOutcome.Accepted<TaskFact>) outcome).fact();
    }

    private static String rejection(String line) {
        LineOutcome<TaskFact> outcome = TaskFileParser.parseLine(7, line);
        assertThat(outcome).isInstanceOf(LineOutcome.Rejected.class);
        assertThat(outcome.lineNumber()).isEqualTo(7);
        assertThat(outcome.line()).isEqualTo(line);
        return ((LineOutcome.Rejected<TaskFact>) outcome).reason();
    }

    @Nested
    class IndexLines {

        @Test
        void givenIndexLine_whenParsing_thenFinishedWithEndTimeAndStatus() {
            TaskFact fact = accepted(TaskFileParser.parseLine(1, index(UPID, END, "OK")));

            assertThat(fact.upid().text()).isEqualTo(UPID);
            assertThat(fact.end()).isEqualTo(new TaskFact.End(END, "OK"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"WARNINGS: 2", "command 'ifreload -a' failed: exit code 1",
            "VM quit/powerdown failed - got timeout", "unexpected status"})
        void givenStatusWithSpaces_whenParsing_thenTheWholeStatusIsKept(String status) {
            TaskFact fact = accepted(TaskFileParser.parseLine(1, index(UPID, END, status)));

            assertThat(fact.end().status()).isEqualTo(status);
        }

        @Test
        void givenCrlfOrTrailingSpaces_whenParsing_thenStatusIsTrimmed() {
            TaskFact fact = accepted(TaskFileParser.parseLine(1, index(UPID, END, "OK") + "  \r"));

            assertThat(fact.end().status()).isEqualTo("OK");
        }

        @Test
        void givenMissingStatus_whenParsing_thenRejected() {
            assertThat(rejection(UPID + " 6560F00D")).contains("status");
        }

        @Test
        void givenEndTimeNotHex_whenParsing_thenRejected() {
            assertThat(rejection(UPID + " 2026-11-01 OK")).contains("end time");
        }

        @ParameterizedTest
        @ValueSource(strings = {"100000000", "FFFFFFFFFFFFFF", "7FFFFFFFFFFFFFF"})
        void givenEndTimeBeyond32BitSeconds_whenParsing_thenRejectedInsteadOfFailingTheUpload(String hex) {
            assertThat(rejection(UPID + " " + hex + " OK")).contains("out of range");
        }

        @Test
        void givenUpidOnly_whenParsing_thenRejected() {
            assertThat(rejection(UPID)).contains("nothing after the UPID");
        }

        @Test
        void givenBadUpid_whenParsing_thenRejectedWithTheUpidReason() {
            assertThat(rejection("UPID:pbs:000002B2:00000158:00000000:674D828C:logrotate::root@pam: 674D8290 OK"))
                    .contains("Proxmox Backup Server");
        }
    }

    @Nested
    class ActiveLines {

        @Test
        void givenRunningTask_whenParsing_thenRunningFact() {
            TaskFact fact = accepted(TaskFileParser.parseLine(1, activeRunning(UPID)));

            assertThat(fact.isFinished()).isFalse();
        }

        @Test
        void givenSavedFinishedTask_whenParsing_thenFinishedFact() {
            TaskFact fact = accepted(TaskFileParser.parseLine(1, activeFinished(UPID, true, END, "WARNINGS: 2")));

            assertThat(fact.end()).isEqualTo(new TaskFact.End(END, "WARNINGS: 2"));
        }

        @Test
        void givenUnsavedFinishedTask_whenParsing_thenFinishedFact() {
            TaskFact fact = accepted(TaskFileParser.parseLine(1, activeFinished(UPID, false, END, "job errors")));

            assertThat(fact.end().status()).isEqualTo("job errors");
        }

        @Test
        void givenEndTimeWithoutStatus_whenParsing_thenRejected() {
            assertThat(rejection(UPID + " 1 6560F00D")).contains("without a status");
        }

        @Test
        void givenBadEndTimeAfterSavedFlag_whenParsing_thenRejected() {
            assertThat(rejection(UPID + " 1 soon OK")).contains("end time");
        }
    }

    @Nested
    class Files {

        @Test
        void givenBlankLinesAndComments_whenParsing_thenSkippedAndLineNumbersKept() {
            List<LineOutcome<TaskFact>> outcomes = TaskFileParser.parse(List.of("# index.1", "",
                    index(UPID, END, "OK"), "   ", "garbage"));

            assertThat(outcomes).extracting(LineOutcome::lineNumber).containsExactly(3, 5);
            assertThat(outcomes.get(1)).isInstanceOf(LineOutcome.Rejected.class);
        }

        @Test
        void givenIndexAndActiveLinesMixed_whenParsing_thenEachLineIsReadByItsForm() {
            List<LineOutcome<TaskFact>> outcomes = TaskFileParser.parse(List.of(index(UPID, END, "OK"),
                    activeRunning(upid().pid(2).text()), activeFinished(upid().pid(3).text(), true, END, "OK")));

            assertThat(outcomes).allMatch(o -> o instanceof LineOutcome.Accepted);
            assertThat(outcomes).extracting(o -> accepted(o).isFinished()).containsExactly(true, false, true);
        }

        @Test
        void givenGeneratedIndex_whenParsing_thenEveryLineIsAccepted() {
            List<String> lines = new TaskLineGenerator("pve-lab", 42).indexLines(2_000);

            List<LineOutcome<TaskFact>> outcomes = TaskFileParser.parse(lines);

            assertThat(outcomes).hasSize(2_000).allMatch(o -> o instanceof LineOutcome.Accepted);
            assertThat(outcomes).extracting(o -> accepted(o).upid().text()).doesNotHaveDuplicates();
        }

        @Test
        void givenSameSeed_whenGenerating_thenSameLines() {
            assertThat(new TaskLineGenerator("n", 7).indexLines(50))
                    .isEqualTo(new TaskLineGenerator("n", 7).indexLines(50));
        }
    }
}
