package changeledger.bench;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.EventMetadata;
import changeledger.eventstore.NewEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Audit-sized events (a Proxmox task payload of about 300 bytes of JSON) spread round-robin over a fixed
 * number of streams, built once and deterministic: the project path and the references get the same rows.
 */
public final class AuditDataSet {

    /** The aggregate type of every bench stream. */
    public static final String AGGREGATE_TYPE = "BenchGuest";

    /** The metadata every bench event carries, as the service would store it for a collector upload. */
    public static final EventMetadata METADATA = new EventMetadata("key-bench-ingester", "bench collector",
            "task-index", "5f0c6a9e-2a43-4c1b-9a57-0d7f1f3b8e21", null, "req-bench", "10.0.20.15");

    private static final String[] TASK_TYPES = {"qmstart", "qmshutdown", "vzdump", "qmigrate", "vzcreate",
        "qmconfig", "aptupdate", "vncproxy"};
    private static final String[] STATUSES = {"OK", "OK", "OK", "OK", "unexpected status", "job errors"};

    private final List<EventRow> rows;
    private final String metadataJson;

    private AuditDataSet(List<EventRow> rows, String metadataJson) {
        this.rows = rows;
        this.metadataJson = metadataJson;
    }

    /** {@code events} events over {@code streams} streams: event {@code k} goes to stream {@code k % streams}. */
    public static AuditDataSet generate(ObjectMapper mapper, int events, int streams, long seed) {
        Random random = new Random(seed);
        long[] nextSequence = new long[streams];
        Instant start = Instant.parse("2026-10-01T00:00:00Z");
        List<EventRow> rows = new ArrayList<>(events);
        for (int k = 0; k < events; k++) {
            int stream = k % streams;
            String host = stream % 2 == 0 ? "infra" : "lab";
            String guest = Integer.toString(100 + stream);
            String taskType = TASK_TYPES[random.nextInt(TASK_TYPES.length)];
            Instant started = start.plusSeconds(k * 7L + random.nextInt(5));
            Instant ended = started.plusSeconds(1 + random.nextInt(900));
            String upid = String.format("UPID:pve-%s:%08X:%08X:%08X:%s:%s:root@pam:", host, random.nextInt(1 << 24),
                    random.nextInt(Integer.MAX_VALUE), started.getEpochSecond(), taskType, guest);
            ObjectNode payload = mapper.createObjectNode()
                    .put("hostId", host)
                    .put("node", "pve-" + host)
                    .put("upid", upid)
                    .put("taskType", taskType)
                    .put("guest", guest)
                    .put("user", "root@pam")
                    .put("startedAt", started.toString())
                    .put("endedAt", ended.toString())
                    .put("status", STATUSES[random.nextInt(STATUSES.length)])
                    .put("class", "change")
                    .put("source", "task-index");
            long sequence = nextSequence[stream]++;
            rows.add(new EventRow(new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
                    (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L),
                    new AggregateRef(AGGREGATE_TYPE, host + "/" + guest), sequence,
                    sequence % 2 == 0 ? "ProxmoxTaskStarted" : "ProxmoxTaskFinished", 1, payload,
                    write(mapper, payload), ended));
        }
        return new AuditDataSet(List.copyOf(rows), write(mapper, METADATA));
    }

    /** All rows, in order. */
    public List<EventRow> rows() {
        return rows;
    }

    /** The metadata as the JSON text the store writes. */
    public String metadataJson() {
        return metadataJson;
    }

    /** Average payload size in bytes of JSON text. */
    public double averagePayloadBytes() {
        return rows.stream().mapToInt(r -> r.payloadJson().length()).average().orElse(0);
    }

    /** The rows cut into consecutive batches of {@code size}. */
    public List<List<EventRow>> batches(int size) {
        List<List<EventRow>> batches = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += size) {
            batches.add(rows.subList(from, Math.min(rows.size(), from + size)));
        }
        return batches;
    }

    /** One append of a batch: a request per stream, each expecting the sequence before its first event. */
    public static List<AppendRequest> appendRequests(List<EventRow> batch) {
        Map<AggregateRef, List<EventRow>> byStream = new LinkedHashMap<>();
        batch.forEach(row -> byStream.computeIfAbsent(row.aggregate(), a -> new ArrayList<>()).add(row));
        List<AppendRequest> requests = new ArrayList<>(byStream.size());
        byStream.forEach((aggregate, streamRows) -> requests.add(new AppendRequest(aggregate,
                streamRows.get(0).sequence() - 1, streamRows.stream().map(EventRow::newEvent).toList())));
        return List.copyOf(requests);
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One event as a row of {@code domain_event}, and as the store's input. */
    public record EventRow(UUID id, AggregateRef aggregate, long sequence, String type, int revision,
                           ObjectNode payload, String payloadJson, Instant occurredAt) {

        /** The event as the store takes it. */
        public NewEvent newEvent() {
            return new NewEvent(id, type, revision, payload, occurredAt);
        }
    }
}
