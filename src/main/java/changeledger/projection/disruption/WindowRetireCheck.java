package changeledger.projection.disruption;

import changeledger.database.Reads;
import changeledger.domain.ProblemException;
import changeledger.journal.RetireCheck;
import changeledger.processing.ActiveGeneration;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Answers {@link RetireCheck} from the disruption windows readers see: a guest can be retired at a time when its last
 * task window that began by then is a stop window still open at that time, and not one that an offline migration
 * carried to another host. The windows follow the ingested tasks within seconds; a stop not projected yet is not
 * there.
 */
@ApplicationScoped
public class WindowRetireCheck implements RetireCheck {

    /** The target's last task window that began by then: one probe of its start index (ADR 0020). */
    private static final String LAST_WINDOW = """
            select start_time, end_time, cause, until_start, closed_by, closed_by_entry_id, closed_by_upid
              from disruption_window
             where generation = """ + ActiveGeneration.BY_NAME + """

               and host_id = ? and target = ? and start_time <= ? and entry_id is null and not failed
             order by start_time desc, window_key collate "C" desc
             limit 1
            """;

    private final AgroalDataSource dataSource;

    /** Reads through the default datasource. */
    public WindowRetireCheck(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void requireOpenWindow(String hostId, String guest, Instant at) {
        Optional<String> refusal = Reads.first(dataSource, LAST_WINDOW, (connection, read) -> {
            read.setString(1, DisruptionProjection.NAME);
            read.setString(2, hostId);
            read.setString(3, guest);
            read.setObject(4, at.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
        }, rs -> Optional.ofNullable(stateOf(rs, at)), "the disruption windows")
                .orElse(Optional.of("no stop of it is on record before then"));
        if (refusal.isPresent()) {
            throw ProblemException.conflict("Guest " + guest + " has no open disruption window at " + at + ": "
                    + refusal.get()
                    + ". A 'retire' entry ends the window that a stop opened; send an 'occurredAt' while the guest "
                    + "was stopped, or record a note instead.");
        }
    }

    /** What the guest's last window says of it at {@code at}, or null when it is a stop window open then. */
    private static String stateOf(ResultSet rs, Instant at) throws SQLException {
        Instant start = DisruptionRepository.instant(rs, 1);
        Instant end = DisruptionRepository.instant(rs, 2);
        String cause = rs.getString(3);
        if (!rs.getBoolean(4)) {
            return "it is not stopped (its last disruption was a " + cause + " from " + start
                    + (end == null ? ", still running" : " to " + end) + ")";
        }
        String closedBy = rs.getString(5);
        if (end == null && closedBy != null) {
            return "it migrated away stopped (" + closedBy + " " + rs.getString(7) + ", ADR 0065): record the entry on "
                    + "the host it went to";
        }
        if (end == null || end.isAfter(at)) {
            return null;
        }
        if (Disruption.RETIRE.equals(closedBy)) {
            return "it was retired at " + end + " by entry " + rs.getString(6) + " (after a " + cause + " at " + start
                    + ")";
        }
        String closer = rs.getString(7);
        return "its last stop (" + cause + " at " + start + ") ended at " + end + " with a " + closedBy
                + (closer == null ? "" : " (" + closer + ")") + ", and nothing stopped it since";
    }
}
