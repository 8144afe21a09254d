package changeledger.ingestion;

import static changeledger.support.TaskLines.apiFinished;
import static changeledger.support.TaskLines.apiRunning;
import static changeledger.support.UpidBuilder.upid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskJsonParserTest {

    private static final Instant END = Instant.parse("2026-11-01T10:05:00Z");

    private static JsonItems json(String text) {
        return IngestionBody.taskList(text.getBytes(StandardCharsets.UTF_8), Long.MAX_VALUE);
    }

    private static TaskFact only(JsonItems items) {
        return only(TaskJsonParser.parse(items));
    }

    private static TaskFact only(JsonNode root) {
        return only(TaskJsonParser.parse(root));
    }

    private static TaskFact only(List<LineOutcome<TaskFact>> outcomes) {
        assertThat(outcomes).hasSize(1).first().isInstanceOf(LineOutcome.Accepted.class);
        return ((LineOutcome.Accepted<TaskFact>) outcomes.get(0)).fact();
    }

    private static ArrayNode array(JsonNode... items) {
        return JsonNodeFactory.instance.arrayNode().addAll(List.of(items));
    }

    @Nested
    class Shapes {

        @Test
        void givenDataArray_whenParsing_thenOneOutcomePerItem() {
            List<LineOutcome<TaskFact>> outcomes = TaskJsonParser.parse(array(apiFinished(upid(), END, "OK"),
                    apiRunning(upid().pid(9))));

            assertThat(outcomes).extracting(LineOutcome::lineNumber).containsExactly(1, 2);
        }

        @Test
        void givenWholeEnvelope_whenParsing_thenItsDataIsRead() {
            ObjectNode envelope = JsonNodeFactory.instance.objectNode().put("total", 1);
            envelope.set("data", array(apiFinished(upid(), END, "OK")));

            assertThat(only(envelope).end()).isEqualTo(new TaskFact.End(END, "OK"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"9223372036854775807", "\"99999999999999\"", "4294967296"})
        void givenEndTimeBeyond32BitSeconds_whenParsing_thenRejected(String endtime) {
            String item = apiFinished(upid(), END, "OK").toString().replaceAll("\"endtime\":\\d+",
                    "\"endtime\":" + java.util.regex.Matcher.quoteReplacement(endtime));

            List<LineOutcome<TaskFact>> outcomes = TaskJsonParser.parse(json("[" + item + "]"));

            assertThat(outcomes).singleElement().isInstanceOf(LineOutcome.Rejected.class);
            assertThat(((LineOutcome.Rejected<TaskFact>) outcomes.get(0)).reason()).contains("out of range");
        }

        @Test
        void givenObjectWithoutData_whenParsing_thenWrongShape() {
            assertThatThrownBy(() -> TaskJsonParser.parse(json("{\"items\": []}")))
                    .isInstanceOf(WrongJsonShapeException.class);
            assertThatThrownBy(() -> TaskJsonParser.parse(json("\"text\"")))
                    .isInstanceOf(WrongJsonShapeException.class);
        }

        @Test
        void givenEmptyArray_whenParsing_thenNoOutcome() {
            assertThat(TaskJsonParser.parse(json("[]"))).isEmpty();
        }
    }

    @Nested
    class Items {

        @Test
        void givenFinishedItem_whenParsing_thenSameFactAsTheIndexLine() {
            TaskFact fromJson = only(array(apiFinished(upid(), END, "WARNINGS: 2")));

            assertThat(fromJson).isEqualTo(TaskFact.finished(upid().build(), END, "WARNINGS: 2"));
        }

        @Test
        void givenRunningItem_whenParsing_thenRunning() {
            assertThat(only(array(apiRunning(upid()))).isFinished()).isFalse();
        }

        @Test
        void givenNumbersAsStrings_whenParsing_thenAccepted() {
            String upidText = upid().text();
            TaskFact fact = only(json("[{\"upid\":\"" + upidText + "\",\"pid\":\"107187\",\"pstart\":\"11259375\","
                    + "\"starttime\":\"1793527200\",\"endtime\":\"" + END.getEpochSecond() + "\",\"status\":\"OK\"}]"));

            assertThat(fact.end().endTime()).isEqualTo(END);
        }

        @Test
        void givenUnknownFieldsTokenidSavedAndNoPidOrPstart_whenParsing_thenAccepted() {
            ObjectNode item = apiFinished(upid().user("collector@pve!audit"), END, "OK")
                    .put("tokenid", "audit").put("saved", "1").put("brandNewField", true);
            item.remove("pid");
            item.remove("pstart");

            assertThat(only(array(item)).upid().user()).isEqualTo("collector@pve!audit");
        }

        @Test
        void givenFinishedWithoutEndtime_whenParsing_thenRejected() {
            ObjectNode item = apiFinished(upid(), END, "OK");
            item.remove("endtime");

            assertThat(TaskJsonParser.parseItem(4, item)).isInstanceOfSatisfying(LineOutcome.Rejected.class,
                    r -> assertThat(r.reason()).contains("without 'endtime'"));
        }

        @Test
        void givenEndtimeNotANumber_whenParsing_thenRejected() {
            ObjectNode item = apiFinished(upid(), END, "OK").put("endtime", "yesterday");

            assertThat(TaskJsonParser.parseItem(1, item)).isInstanceOf(LineOutcome.Rejected.class);
            assertThat(TaskJsonParser.parseItem(1, item.put("endtime", 1.5))).isInstanceOf(LineOutcome.Rejected.class);
        }

        @Test
        void givenItemWithoutUpidOrNotAnObject_whenParsing_thenRejectedWithItsJson() {
            List<LineOutcome<TaskFact>> outcomes = TaskJsonParser.parse(json("[{\"type\":\"qmstart\"}, 5]"));

            assertThat(outcomes).allMatch(o -> o instanceof LineOutcome.Rejected);
            assertThat(outcomes.get(0).line()).isEqualTo("{\"type\":\"qmstart\"}");
            assertThat(outcomes.get(1).lineNumber()).isEqualTo(2);
        }

        @Test
        void givenBackupServerUpid_whenParsing_thenRejected() {
            ObjectNode item = JsonNodeFactory.instance.objectNode()
                    .put("upid", "UPID:pbs:000002B2:00000158:00000000:674D828C:logrotate::root@pam:");

            assertThat(TaskJsonParser.parseItem(1, item)).isInstanceOfSatisfying(LineOutcome.Rejected.class,
                    r -> assertThat(r.reason()).contains("Proxmox Backup Server"));
        }
    }
}
