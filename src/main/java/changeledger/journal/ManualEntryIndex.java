package changeledger.journal;

import changeledger.database.Reads;
import changeledger.processing.ActiveGeneration;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;

/** Reads the manual entry index that {@link ManualEntryProjection} writes: one host's entries in the global order. */
@ApplicationScoped
public class ManualEntryIndex {

    /** One indexed entry: its id and the position of the event that recorded it. */
    public record Row(String entryId, long position) {
    }

    private static final String WHAT = "the manual entry index";

    private static final String GENERATION = ActiveGeneration.BY_NAME;
    private static final String TX_AT = "select tx_id from manual_entry_index where generation = " + GENERATION
            + " and host_id = ? and position = ?";
    /** A null parameter is no filter; the cursor is the (tx_id, position) after which the page starts. */
    private static final String PAGE = """
            select entry_id, position from manual_entry_index
             where generation = %s and host_id = ?
               and (?::text is null or kind = ?)
               and (?::timestamptz is null or occurred_at >= ?)
               and (?::timestamptz is null or occurred_at < ?)
               and (tx_id, position) > (?, ?)
             order by tx_id, position
             limit ?
            """.formatted(GENERATION);

    private final AgroalDataSource dataSource;

    /** Reads through the default datasource. */
    public ManualEntryIndex(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The transaction id of the host's entry recorded at {@code position}, if there is one. */
    public OptionalLong txIdAt(String hostId, long position) {
        return Reads.first(dataSource, TX_AT, (connection, read) -> {
            read.setString(1, ManualEntryProjection.NAME);
            read.setString(2, hostId);
            read.setLong(3, position);
        }, rs -> rs.getLong(1), WHAT).map(OptionalLong::of).orElseGet(OptionalLong::empty);
    }

    /** Up to {@code limit} entries of the host after the cursor {@code (txId, position)} that match the filters. */
    public List<Row> page(String hostId, EntryKind kind, Instant from, Instant to, long txId, long position,
                          int limit) {
        String kindName = kind == null ? null : kind.wireName();
        return Reads.list(dataSource, PAGE, (connection, read) -> {
            read.setString(1, ManualEntryProjection.NAME);
            read.setString(2, hostId);
            read.setString(3, kindName);
            read.setString(4, kindName);
            read.setObject(5, utc(from), Types.TIMESTAMP_WITH_TIMEZONE);
            read.setObject(6, utc(from), Types.TIMESTAMP_WITH_TIMEZONE);
            read.setObject(7, utc(to), Types.TIMESTAMP_WITH_TIMEZONE);
            read.setObject(8, utc(to), Types.TIMESTAMP_WITH_TIMEZONE);
            read.setLong(9, txId);
            read.setLong(10, position);
            read.setInt(11, limit);
        }, rs -> new Row(rs.getString(1), rs.getLong(2)), WHAT);
    }

    private static Object utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
