package changeledger.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import changeledger.api.ProblemException;
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
            assertThat(IngestionBody.read(new ByteArrayInputStream(utf8("a\nb\n")), 4, 10)).isEqualTo(utf8("a\nb\n"));
        }

        @Test
        void givenDeclaredLengthOverTheLimit_whenReading_thenBodyTooLargeBeforeAnyByteIsRead() {
            ByteArrayInputStream in = new ByteArrayInputStream(utf8("abcdef"));

            assertThatThrownBy(() -> IngestionBody.read(in, 6, 5)).isInstanceOf(BodyTooLargeException.class);
            assertThat(in.available()).isEqualTo(6);
        }

        @Test
        void givenUndeclaredLength_whenReading_thenGrownToTheBodyAndRefusedPastTheLimit() throws IOException {
            byte[] body = utf8("x".repeat(200_000));

            assertThat(IngestionBody.read(new ByteArrayInputStream(body), -1, 200_000)).isEqualTo(body);
            assertThatThrownBy(() -> IngestionBody.read(new ByteArrayInputStream(body), -1, 199_999))
                    .isInstanceOf(BodyTooLargeException.class).hasMessageContaining("more than 199999 bytes");
        }
    }

    @Nested
    class Lines {

        @Test
        void givenLfAndCrlfLines_whenSplitting_thenLinesWithoutLineEnds() {
            assertThat(IngestionBody.lines(utf8("a\r\nb\n\nc"), 100).asList()).containsExactly("a", "b", "", "c");
        }

        @Test
        void givenEmptyBody_whenSplitting_thenNoLines() {
            assertThat(IngestionBody.lines(new byte[0], 100).asList()).isEmpty();
        }

        @Test
        void givenUtf8TextAndBom_whenSplitting_thenDecodedAndBomDropped() {
            assertThat(IngestionBody.lines(utf8("\uFEFFstatus ü\n"), 100).asList()).containsExactly("status ü");
        }

        @Test
        void givenInvalidUtf8OnLineTwo_whenSplitting_thenNotUtf8NamingTheLine() {
            byte[] body = {'o', 'k', '\n', 'b', (byte) 0xC3, (byte) 0x28, '\n'};

            assertThatThrownBy(() -> IngestionBody.lines(body, 100)).isInstanceOf(BodyNotUtf8Exception.class)
                    .hasMessageContaining("Line 2")
                    .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(400));
        }

        @Test
        void givenLineOf64KiB_whenSplitting_thenAccepted() {
            String line = "x".repeat(IngestionBody.MAX_LINE_BYTES);

            assertThat(IngestionBody.lines(utf8(line + "\r\n"), Long.MAX_VALUE).asList()).containsExactly(line);
        }

        @Test
        void givenLineOver64KiB_whenSplitting_thenLineTooLong413() {
            byte[] body = utf8("ok\n" + "x".repeat(IngestionBody.MAX_LINE_BYTES + 1));

            assertThatThrownBy(() -> IngestionBody.lines(body, Long.MAX_VALUE))
                    .isInstanceOf(LineTooLongException.class).hasMessageContaining("Line 2")
                    .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(413));
        }

        @Test
        void givenBodyOverTheLimit_whenSplitting_thenBodyTooLarge413() {
            assertThatThrownBy(() -> IngestionBody.lines(utf8("abcdef"), 5))
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
        void givenInvalidUtf8Json_whenReading_thenNotUtf8() {
            assertThatThrownBy(() -> IngestionBody.taskList(new byte[] {'[', (byte) 0xFF, ']'}, 100))
                    .isInstanceOf(BodyNotUtf8Exception.class);
        }
    }

    @Nested
    class Unprocessable {

        @Test
        void givenAllRejected_whenRaised_thenProblem422CarriesThePerLineBody() {
            IngestionResult result = new IngestionResult(0, 0, 0,
                    List.of(new IngestionResult.RejectedLine(1, "junk", "not a UPID")));

            UnprocessableUploadException e = new UnprocessableUploadException(result);

            assertThat(result.unprocessable()).isTrue();
            assertThat(e.problem().status()).isEqualTo(422);
            assertThat(e.problem().extra()).containsEntry("accepted", 0).containsKey("rejected");
            assertThat(e.problem().detail()).contains("Line 1: not a UPID");
        }

        @Test
        void givenOneIgnoredOrDuplicateLine_whenChecked_thenNotUnprocessable() {
            List<IngestionResult.RejectedLine> rejected = List.of(new IngestionResult.RejectedLine(1, "x", "y"));

            assertThat(new IngestionResult(0, 0, 1, rejected).unprocessable()).isFalse();
            assertThat(new IngestionResult(0, 1, 0, rejected).unprocessable()).isFalse();
        }
    }
}
