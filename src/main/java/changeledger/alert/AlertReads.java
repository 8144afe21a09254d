package changeledger.alert;

import changeledger.database.Reads;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Answers the alert list from the outbox tables: alerts in the order they were raised, with their deliveries. */
@ApplicationScoped
public class AlertReads {

    /** One delivery of an alert to a target. */
    public record Delivery(String target, int attempts, boolean delivered, Instant deliveredAt, Instant nextAttemptAt,
                           String lastError) {
    }

    /** One alert. */
    public record AlertView(long seq, String alertId, String rule, String on, String hostId, Instant occurredAt,
                            Instant raisedAt, String title, String message, String link, List<String> events,
                            List<Delivery> deliveries) {
    }

    private static final String PAGE = """
            select a.seq, a.alert_id, a.rule, a.kind, a.host_id, a.occurred_at, a.raised_at, a.title, a.message,
                   a.link, a.events::text, d.target, d.attempts, d.delivered_at, d.next_attempt_at, d.last_error
              from (select * from alert
                     where seq > ? and (?::text is null or host_id = ?)
                       and (?::text[] is null or host_id = any (?::text[]))
                     order by seq limit ?) a
              left join alert_delivery d on d.alert_id = a.alert_id
             order by a.seq, d.target
            """;

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;

    /** Wires the reads. */
    public AlertReads(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /**
     * Up to {@code limit} alerts after {@code after}, of {@code host} (null: any) among {@code allowed} hosts (null:
     * every alert, also those of no host).
     */
    public List<AlertView> page(String host, List<String> allowed, long after, int limit) {
        record Row(long seq, UUID id, String rule, String on, String host, Instant occurredAt, Instant raisedAt,
                   String title, String message, String link, String events, Delivery delivery) {
        }
        List<Row> rows = Reads.list(dataSource, PAGE, (connection, read) -> {
            read.setLong(1, after);
            read.setString(2, host);
            read.setString(3, host);
            java.sql.Array hosts = allowed == null ? null : connection.createArrayOf("text", allowed.toArray());
            read.setArray(4, hosts);
            read.setArray(5, hosts);
            read.setInt(6, limit);
        }, rs -> new Row(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(), rs.getString(8),
                rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12) == null ? null
                : new Delivery(rs.getString(12), rs.getInt(13), rs.getTimestamp(14) != null,
                instant(rs.getTimestamp(14)), instant(rs.getTimestamp(15)), rs.getString(16))), "the alerts");
        Map<Long, AlertView> alerts = new LinkedHashMap<>();
        for (Row row : rows) {
            AlertView view = alerts.computeIfAbsent(row.seq(), seq -> new AlertView(seq, row.id().toString(),
                    row.rule(), row.on(), row.host(), row.occurredAt(), row.raisedAt(), row.title(), row.message(),
                    row.link(), events(row.events()), new ArrayList<>()));
            if (row.delivery() != null) {
                view.deliveries().add(row.delivery());
            }
        }
        return List.copyOf(alerts.values());
    }

    private List<String> events(String json) {
        try {
            return mapper.readerForListOf(String.class).readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An alert holds unreadable events", e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
