package changeledger.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import changeledger.api.RequestBody;
import changeledger.domain.BodyTooLargeException;
import changeledger.domain.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IngestionBodyTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Nested
    class Read {

        @Test
        void givenDeclaredLength_whenReading_thenTheWholeBody() throws IOException {
            assertThat(RequestBody.read(new ByteArrayInputStream(utf8("a\nb\n")), 4, 10)).isEqualTo(utf8("a\nb\n"));
        }

        @Test
        void givenDeclaredLengthOverTheLimit_whenReading_thenBodyTooLargeBeforeAnyByteIsRead() {
            ByteArrayInputStream in = new ByteArrayInputStream(utf8("abcdef"));

            assertThatThrownBy(() -> RequestBody.read(in, 6, 5)).isInstanceOf(BodyTooLargeException.class);
            assertThat(in.available()).isEqualTo(6);
        }

        @Test
        void givenUndeclaredLength_whenReading_thenGrownToTheBodyAndRefusedPastTheLimit() throws IOException {
            byte[] body = utf8("x".repeat(200_000));

            assertThat(RequestBody.read(new ByteArrayInputStream(body), -1, 200_000)).isEqualTo(body);
            assertThatThrownBy(() -> RequestBody.read(new ByteArrayInputStream(body), -1, 199_999))
                    .isInstanceOf(BodyTooLargeException.class).hasMessageContaining("more than 199999 bytes");
        }
    }

    @Nested
    class Lines {

        @Test
        void givenLfAndCrlfLines_whenSplitting_thenLinesWithoutLineEnds() {
            assertThat(IngestionBody.lines(utf8("a\r\nb\n\nc"), 100, 1_000).asList()).containsExactly("a", "b", "", "c");
        }

        @Test
        void givenEmptyBody_whenSplitting_thenNoLines() {
            assertThat(IngestionBody.lines(new byte[0], 100, 1_000).asList()).isEmpty();
        }

        @Test
        void givenUtf8TextAndBom_whenSplitting_thenDecodedAndBomDropped() {
            assertThat(IngestionBody.lines(utf8("\uFEFFstatus ü\n"), 100, 1_000).asList()).containsExactly("status ü");
        }

        @Test
        void givenInvalidUtf8OnLineTwo_whenSplitting_thenOnlyThatLineCarriesAFault() {
            byte[] body = {'o', 'k', '\n', 'b', (byte) 0xC3, (byte) 0x28, '\n', 'c'};

            BodyLines lines = IngestionBody.lines(body, 100, 1_000);

            assertThat(lines.size()).isEqualTo(3);
            assertThat(lines.fault(0)).isNull();
            assertThat(lines.fault(1)).contains("not valid UTF-8");
            assertThat(lines.line(1)).isEqualTo("b\uFFFD(");
            assertThat(lines.fault(2)).isNull();
        }

        @Test
        void givenNulTabAndOtherControlCharacters_whenSplitting_thenNulAndControlsAreFaultsTabIsNot() {
            BodyLines lines = IngestionBody.lines(utf8("a\u0000b\nx\ty\nbell\u0007\ndel\u007F\nc1\u0085\nok ü"),
                    100, 1_000);

            assertThat(lines.fault(0)).contains("NUL");
            assertThat(lines.fault(1)).isNull();
            assertThat(List.of(lines.fault(2), lines.fault(3), lines.fault(4))).allSatisfy(
                    fault -> assertThat(fault).contains("control character"));
            assertThat(lines.fault(5)).isNull();
        }

        @Test
        void givenMoreLinesThanTheLimit_whenSplitting_thenBodyTooLarge413() {
            assertThatThrownBy(() -> IngestionBody.lines(utf8("a\nb\nc\n"), 100, 2))
                    .isInstanceOf(BodyTooLargeException.class).hasMessageContaining("more than 2 lines")
                    .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(413));
        }

        @Test
        void givenLineOf64KiB_whenSplitting_thenAccepted() {
            String line = "x".repeat(IngestionBody.MAX_LINE_BYTES);

            assertThat(IngestionBody.lines(utf8(line + "\r\n"), Long.MAX_VALUE, 1_000).asList()).containsExactly(line);
        }

        @Test
        void givenLineOver64KiB_whenSplitting_thenThatLineIsTooLongAndEchoedInPart() {
            byte[] body = utf8("ok\n" + "x".repeat(IngestionBody.MAX_LINE_BYTES + 1));

            BodyLines lines = IngestionBody.lines(body, Long.MAX_VALUE, 1_000);

            assertThat(lines.fault(0)).isNull();
            assertThat(lines.fault(1)).contains("65537 bytes");
            assertThat(lines.line(1)).hasSize(1024);
        }

        @Test
        void givenBodyOverTheLimit_whenSplitting_thenBodyTooLarge413() {
            assertThatThrownBy(() -> IngestionBody.lines(utf8("abcdef"), 5, 1_000))
                    .isInstanceOf(BodyTooLargeException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(413));
        }
    }

    @Nested
    class Json {

        @Test
        void givenMalformedJson_whenReading_thenMalformed400() {
            assertThatThrownBy(() -> IngestionBody.taskList(utf8("{\"data\": ["), 100))
                    .isInstanceOf(MalformedJsonBodyException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(400));
        }

        @Test
        void givenTrailingGarbageOrEmptyBody_whenReading_thenMalformed() {
            assertThatThrownBy(() -> IngestionBody.taskList(utf8("[] []"), 100))
                    .isInstanceOf(MalformedJsonBodyException.class);
            assertThatThrownBy(() -> IngestionBody.taskList(utf8("  "), 100))
                    .isInstanceOf(MalformedJsonBodyException.class);
        }

        @Test
        void givenEnvelopeWithOtherFields_whenReading_thenEveryItemOfDataAsWritten() {
            JsonItems items = IngestionBody.taskList(utf8("{\"total\": 4, \"data\": [{\"upid\": \"b\", \"n\": [1, {}]},"
                    + " \"text\", 5, [1], {\"upid\": \"a\"}], \"more\": {\"data\": 1}}"), 1_000);

            assertThat(items.size()).isEqualTo(5);
            assertThat(List.of(items.item(0).toString(), items.item(1).toString(), items.item(2).toString(),
                    items.item(3).toString(), items.item(4).toString()))
                    .containsExactly("{\"upid\":\"b\",\"n\":[1,{}]}", "\"text\"", "5", "[1]", "{\"upid\":\"a\"}");
            assertThat(items.compareUpids(4, 0)).isNegative();
            assertThat(items.compareUpids(1, 4)).as("no upid sorts first").isNegative();
        }

        @Test
        void givenDataTwice_whenReading_thenTheLastOneCountsAsInATree() {
            assertThat(IngestionBody.taskList(utf8("{\"data\": [1, 2], \"data\": [3]}"), 100).size()).isEqualTo(1);
            assertThatThrownBy(() -> IngestionBody.taskList(utf8("{\"data\": [1], \"data\": 2}"), 100))
                    .isInstanceOf(WrongJsonShapeException.class);
        }

        @Test
        void givenWrongShapeAndBadSyntaxLater_whenReading_thenMalformedFirst() {
            assertThatThrownBy(() -> IngestionBody.taskList(utf8("{\"items\": [], \"x\": }"), 100))
                    .isInstanceOf(MalformedJsonBodyException.class);
            assertThatThrownBy(() -> IngestionBody.taskList(utf8("{\"items\": []}"), 100))
                    .isInstanceOf(WrongJsonShapeException.class);
        }

        @Test
        void givenMoreItemsThanTheLimit_whenReading_thenBodyTooLarge413() {
            assertThat(IngestionBody.taskList(utf8("[1, 2, 3]"), 100, 3).size()).isEqualTo(3);
            assertThatThrownBy(() -> IngestionBody.taskList(utf8("{\"data\": [1, 2, 3, 4]}"), 100, 3))
                    .isInstanceOf(BodyTooLargeException.class).hasMessageContaining("more than 3 items")
                    .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(413));
        }

        @Test
        void givenInvalidUtf8Json_whenReading_thenNotUtf8() {
            assertThatThrownBy(() -> IngestionBody.taskList(new byte[] {'[', (byte) 0xFF, ']'}, 100))
                    .isInstanceOf(BodyNotUtf8Exception.class);
        }
    }

    @Nested
    class Unprocessable {

        @Test
        void givenManyRejectedLinesInAnyOrder_whenTallied_thenTheFirst100ListedCutShortAndAllCounted() {
            IngestionTally tally = new IngestionTally();
            for (int line = 5_000; line >= 1; line--) {
                tally.reject(line, "y".repeat(1_000), "reason " + line);
            }

            IngestionResult result = tally.result();

            assertThat(result.rejectedCount()).isEqualTo(5_000);
            assertThat(result.rejected()).hasSize(100);
            assertThat(result.rejected().get(0).lineNumber()).isEqualTo(1);
            assertThat(result.rejected().get(99).lineNumber()).isEqualTo(100);
            assertThat(result.rejected().get(0).line()).hasSizeLessThan(230).endsWith("(1000 characters)");
            assertThat(new UnprocessableUploadException(result).problem().detail())
                    .contains("5000, the first 100 listed");
        }

        @Test
        void givenAllRejected_whenRaised_thenProblem422CarriesThePerLineBody() {
            IngestionResult result = new IngestionResult(0, 0, 0,
                    List.of(new IngestionResult.RejectedLine(1, "junk", "not a UPID")));

            UnprocessableUploadException e = new UnprocessableUploadException(result);

            assertThat(result.unprocessable()).isTrue();
            assertThat(e.problem().status()).isEqualTo(422);
            assertThat(e.problem().extra()).containsEntry("accepted", 0).containsKey("rejected")
                    .containsEntry("rejectedCount", 1);
            assertThat(e.problem().detail()).contains("Line 1: not a UPID");
        }

        @Test
        void givenTheWorstLinesAndReasons_whenAnswered_thenTheProblemBodyIsUnderSixtyFourKiB() throws Exception {
            IngestionTally tally = new IngestionTally();
            String[] worst = {"\u0000".repeat(70_000), "\"\\".repeat(40_000), "\u20AC".repeat(30_000),
                "\uD83D\uDE00".repeat(20_000)};
            for (int line = 1; line <= 1_000; line++) {
                String text = worst[line % worst.length];
                tally.reject(Integer.MAX_VALUE - line, text, "found '" + text + "'");
            }

            byte[] answer = new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsBytes(new UnprocessableUploadException(tally.result()).problem().body());

            assertThat(answer.length).isLessThan(64 * 1024);
            assertThat(tally.result().rejected().get(0).line()).doesNotContain("\u0000");
        }

        @Test
        void givenOneIgnoredOrDuplicateLine_whenChecked_thenNotUnprocessable() {
            List<IngestionResult.RejectedLine> rejected = List.of(new IngestionResult.RejectedLine(1, "x", "y"));

            assertThat(new IngestionResult(0, 0, 1, rejected).unprocessable()).isFalse();
            assertThat(new IngestionResult(0, 1, 0, rejected).unprocessable()).isFalse();
        }
    }
}
