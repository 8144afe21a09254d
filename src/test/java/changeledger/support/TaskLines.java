package changeledger.support;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Formats task-file lines, task API items and pveproxy access-log lines the way Proxmox writes them. */
public final class TaskLines {

    private static final DateTimeFormatter ACCESS_TIME =
            DateTimeFormatter.ofPattern("dd/MM/yyyy:HH:mm:ss Z", Locale.ROOT);

    private TaskLines() {
    }

    /** An {@code index} line: {@code <UPID> <ENDTIME %08X> <status>}. */
    public static String index(String upid, Instant end, String status) {
        return upid + " " + hex(end) + " " + status;
    }

    /** An {@code active} line of a running task: {@code <UPID> 0}. */
    public static String activeRunning(String upid) {
        return upid + " 0";
    }

    /** An {@code active} line of a finished task: {@code <UPID> <saved> <ENDTIME> <status>}. */
    public static String activeFinished(String upid, boolean saved, Instant end, String status) {
        return upid + (saved ? " 1 " : " 0 ") + hex(end) + " " + status;
    }

    /** A task API item of a running task, as {@code /nodes/{node}/tasks?source=active} shows it. */
    public static ObjectNode apiRunning(UpidBuilder upid) {
        var parsed = upid.build();
        return JsonNodeFactory.instance.objectNode().put("upid", parsed.text()).put("node", parsed.node())
                .put("pid", parsed.pid()).put("pstart", parsed.pstart())
                .put("starttime", parsed.startTime().getEpochSecond()).put("type", parsed.type())
                .put("id", parsed.id()).put("user", parsed.user()).put("status", "RUNNING").put("saved", "0");
    }

    /** A task API item of a finished task, as {@code /nodes/{node}/tasks} shows it. */
    public static ObjectNode apiFinished(UpidBuilder upid, Instant end, String status) {
        ObjectNode item = apiRunning(upid).put("endtime", end.getEpochSecond()).put("status", status);
        item.remove("saved");
        return item;
    }

    /** A pveproxy access-log line. */
    public static String access(String ip, String user, OffsetDateTime time, String method, String path, int code) {
        return ip + " - " + user + " [" + ACCESS_TIME.format(time) + "] \"" + method + " " + path + " HTTP/1.1\" "
                + code + " " + (code == 204 ? "-" : "123");
    }

    /** Lines joined as a body, each ended by a newline. */
    public static byte[] body(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Lines joined as a body. */
    public static byte[] body(String... lines) {
        return body(List.of(lines));
    }

    private static String hex(Instant time) {
        return String.format(Locale.ROOT, "%08X", time.getEpochSecond());
    }
}
