package changeledger.alert;

import changeledger.alert.AlertEvent.AlertRaised;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The outbox's writes (V36): an alert and its deliveries are written in the transaction that appends their events,
 * so what is due and what the events say never part. Every method takes the caller's connection.
 */
@ApplicationScoped
public class AlertOutbox {

    /** A delivery due, claimed for one try: {@code attempts} tries were made before. */
    public record Due(UUID alertId, String target, int attempts, AlertRaised alert) {
    }

    private static final String INSERT_ALERT = """
            insert into alert (alert_id, rule, kind, host_id, occurred_at, title, message, link, events)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) on conflict (alert_id) do nothing
            """;
    private static final String INSERT_DELIVERY = """
            insert into alert_delivery (alert_id, target, next_attempt_at) values (?, ?, now())
            on conflict (alert_id, target) do nothing
            """;
    private static final String CLAIM = """
            update alert_delivery d set next_attempt_at = now() + ? * interval '1 millisecond'
             where (d.alert_id, d.target) in (select alert_id, target from alert_delivery
                                               where delivered_at is null and next_attempt_at <= now()
                                               order by next_attempt_at limit ? for update skip locked)
            returning d.alert_id, d.target, d.attempts
            """;
    private static final String READ_ALERT = """
            select rule, kind, host_id, occurred_at, title, message, link, events::text from alert where alert_id = ?
            """;
    private static final String DELIVERED = """
            update alert_delivery set attempts = ?, delivered_at = now(), next_attempt_at = null, last_error = null
             where alert_id = ? and target = ? and delivered_at is null
            """;
    private static final String FAILED = """
            update alert_delivery set attempts = ?, next_attempt_at = ?, last_error = ?
             where alert_id = ? and target = ? and delivered_at is null
            """;
    private static final String EXISTS = "select 1 from alert where alert_id = ?";
    private static final String RAISED_WITHIN = """
            select 1 from alert where rule = ? and host_id = ? and occurred_at > ? and occurred_at <= ? limit 1
            """;
    private static final String SIGHT_BURST = """
            insert into alert_burst_task (rule, host_id, event_id, occurred_at) values (?, ?, ?, ?)
            on conflict (rule, event_id) do nothing
            """;
    private static final String COUNT_BURST = """
            select count(*) from alert_burst_task where rule = ? and host_id = ? and occurred_at > ? and occurred_at <= ?
            """;
    private static final String START = """
            insert into alert_processor_start (id, started_at) values (1, now()) on conflict (id) do nothing
            """;
    private static final String READ_START = "select started_at from alert_processor_start where id = 1";

    private final ObjectMapper mapper;

    /** Wires the outbox. */
    public AlertOutbox(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Records a raised alert and one delivery due now per target. */
    public void record(Connection connection, AlertRaised alert) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ALERT)) {
            insert.setObject(1, UUID.fromString(alert.alertId()));
            insert.setString(2, alert.rule());
            insert.setString(3, alert.on());
            insert.setString(4, alert.hostId());
            insert.setTimestamp(5, Timestamp.from(alert.occurredAt()));
            insert.setString(6, alert.title());
            insert.setString(7, alert.message());
            insert.setString(8, alert.link());
            insert.setString(9, json(alert.events()));
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_DELIVERY)) {
            for (String target : alert.targets()) {
                insert.setObject(1, UUID.fromString(alert.alertId()));
                insert.setString(2, target);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Whether the alert is recorded already. */
    public boolean exists(Connection connection, UUID alertId) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(EXISTS)) {
            read.setObject(1, alertId);
            try (ResultSet rs = read.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Claims up to {@code limit} deliveries due, each for {@code lease}: another deliverer (or this one, after a
     * crash) tries it again only when the lease ran out without an outcome.
     */
    public List<Due> claimDue(Connection connection, int limit, Duration lease) throws SQLException {
        List<Due> due = new ArrayList<>();
        try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setLong(1, lease.toMillis());
            claim.setInt(2, limit);
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), null));
                }
            }
        }
        List<Due> withAlerts = new ArrayList<>(due.size());
        for (Due d : due) {
            withAlerts.add(new Due(d.alertId(), d.target(), d.attempts(), alert(connection, d.alertId(), d.target())));
        }
        return withAlerts;
    }

    /** Records a delivery that succeeded on {@code attempt}. */
    public void delivered(Connection connection, UUID alertId, String target, int attempt) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(DELIVERED)) {
            update.setInt(1, attempt);
            update.setObject(2, alertId);
            update.setString(3, target);
            update.executeUpdate();
        }
    }

    /** Records a failed {@code attempt}; the next is due at {@code next}. */
    public void failed(Connection connection, UUID alertId, String target, int attempt, String error, Instant next)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(FAILED)) {
            update.setInt(1, attempt);
            update.setTimestamp(2, Timestamp.from(next));
            update.setString(3, error);
            update.setObject(4, alertId);
            update.setString(5, target);
            update.executeUpdate();
        }
    }

    /** Whether the rule raised an alert for the host that occurred in {@code (from, to]}. */
    public boolean raisedWithin(Connection connection, String rule, String hostId, Instant from, Instant to)
            throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(RAISED_WITHIN)) {
            read.setString(1, rule);
            read.setString(2, hostId);
            read.setTimestamp(3, Timestamp.from(from));
            read.setTimestamp(4, Timestamp.from(to));
            try (ResultSet rs = read.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Notes a task a burst rule counts, and returns how many it has seen of the host in {@code (at - window, at]}. */
    public int sightBurst(Connection connection, String rule, String hostId, UUID eventId, Instant at,
                          Duration window) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(SIGHT_BURST)) {
            insert.setString(1, rule);
            insert.setString(2, hostId);
            insert.setObject(3, eventId);
            insert.setTimestamp(4, Timestamp.from(at));
            insert.executeUpdate();
        }
        try (PreparedStatement count = connection.prepareStatement(COUNT_BURST)) {
            count.setString(1, rule);
            count.setString(2, hostId);
            count.setTimestamp(3, Timestamp.from(at.minus(window)));
            count.setTimestamp(4, Timestamp.from(at));
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** When the alert processor first ran (now, on its first call). */
    public Instant processorStart(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(START)) {
            insert.executeUpdate();
        }
        try (PreparedStatement read = connection.prepareStatement(READ_START); ResultSet rs = read.executeQuery()) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    private AlertRaised alert(Connection connection, UUID alertId, String target) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(READ_ALERT)) {
            read.setObject(1, alertId);
            try (ResultSet rs = read.executeQuery()) {
                rs.next();
                return new AlertRaised(alertId.toString(), rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6), rs.getString(7),
                        List.of(mapper.readerForListOf(String.class).<List<String>>readValue(rs.getString(8))
                                .toArray(String[]::new)), List.of(target));
            } catch (JsonProcessingException e) {
                throw new SQLException("alert " + alertId + " holds unreadable events", e);
            }
        }
    }

    private String json(List<String> events) {
        try {
            return mapper.writeValueAsString(events);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
