package changeledger.ingestion;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the items of {@code GET /api2/json/nodes/{node}/tasks}. The UPID is the authority on the task;
 * of the other fields only {@code endtime} and {@code status} are read (numbers may come as strings),
 * and fields this parser does not know are ignored, as Proxmox adds fields between versions.
 */
public final class TaskJsonParser {

    private TaskJsonParser() {
    }

    /** One outcome per item of a task list body, in order. */
    public static List<LineOutcome<TaskFact>> parse(JsonItems items) {
        List<LineOutcome<TaskFact>> outcomes = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            outcomes.add(parseItem(i + 1, items.item(i)));
        }
        return outcomes;
    }

    /**
     * One outcome per item of {@code root}: either the {@code data} array itself or the whole
     * {@code {"data": [...]}} envelope (found as in an upload's body).
     *
     * @throws WrongJsonShapeException when {@code root} is neither
     */
    public static List<LineOutcome<TaskFact>> parse(JsonNode root) {
        return parse(IngestionBody.taskList(root.toString().getBytes(StandardCharsets.UTF_8), Long.MAX_VALUE));
    }

    /** The outcome of one item. */
    public static LineOutcome<TaskFact> parseItem(int number, JsonNode item) {
        String text = item.toString();
        if (!item.isObject()) {
            return new LineOutcome.Rejected<>(number, text, "a task must be a JSON object");
        }
        JsonNode upidNode = item.get("upid");
        if (upidNode == null || !upidNode.isTextual()) {
            return new LineOutcome.Rejected<>(number, text, "the task has no 'upid' text");
        }
        Upid upid;
        try {
            upid = Upid.parse(upidNode.asText());
        } catch (InvalidUpidException e) {
            return new LineOutcome.Rejected<>(number, text, e.getMessage());
        }
        JsonNode status = item.get("status");
        if (status != null && !status.isNull() && !status.isTextual()) {
            return new LineOutcome.Rejected<>(number, text, "'status' must be text");
        }
        String statusText = status == null || status.isNull() ? "" : status.asText();
        String statusProblem = TextLimits.problem("status", statusText, TextLimits.MAX_STATUS_BYTES);
        if (statusProblem != null) {
            return new LineOutcome.Rejected<>(number, text, statusProblem);
        }
        if (statusText.isEmpty() || TaskStatus.RUNNING.equals(statusText)) {
            return new LineOutcome.Accepted<>(number, text, TaskFact.running(upid));
        }
        JsonNode endtime = item.get("endtime");
        Long seconds = wholeNumber(endtime);
        if (seconds == null) {
            return new LineOutcome.Rejected<>(number, text, endtime == null || endtime.isNull()
                    ? "a finished task (status '" + statusText + "') without 'endtime'"
                    : "'endtime' must be Unix seconds, as a number or a string of digits, found " + endtime);
        }
        String problem = TaskFact.endTimeProblem(seconds);
        if (problem != null) {
            return new LineOutcome.Rejected<>(number, text, problem);
        }
        return new LineOutcome.Accepted<>(number, text,
                TaskFact.finished(upid, Instant.ofEpochSecond(seconds), statusText));
    }

    private static Long wholeNumber(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong() >= 0 ? node.asLong() : null;
        }
        if (node.isTextual() && node.asText().strip().matches("\\d{1,15}")) {
            return Long.parseLong(node.asText().strip());
        }
        return null;
    }
}
