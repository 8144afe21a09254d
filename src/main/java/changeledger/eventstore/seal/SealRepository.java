package changeledger.eventstore.seal;

import changeledger.eventstore.EventRepository;
import changeledger.eventstore.StoredEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** All SQL of the seal table, on the caller's connection; events are read as stored, never upcast. */
final class SealRepository {

    /** One stored link; {@code form} is the canonical form of its event hash (ADR 0034). */
    record Link(long sealPosition, long eventPosition, UUID eventId, byte[] eventHash, byte[] previousHash,
                byte[] chainHash, OffsetDateTime sealedAt, int form) {
    }

    private static final String LINK_COLUMNS = """
            seal_position, event_position, event_id, event_hash, previous_hash, chain_hash, sealed_at, form
            """;

    /** A database migrated before V21 (a restored dump of an older version) has no form column: all form 1. */
    private static final String LINK_COLUMNS_BEFORE_FORMS = """
            seal_position, event_position, event_id, event_hash, previous_hash, chain_hash, sealed_at, 1 as form
            """;

    private static final String HAS_FORMS = """
            select exists (select 1 from pg_attribute
                            where attrelid = to_regclass('event_seal') and attname = 'form' and not attisdropped)
            """;

    /** The safe head's bound: transaction ids at or above it are not read by the sealer or any processor. */
    private static final String SAFE_BOUND = "select pg_snapshot_xmin(pg_current_snapshot())::text::bigint";

    /** The head serves its hashes and positions only, so it reads no form and works before V21 too. */
    private static final String HEAD = "select " + LINK_COLUMNS_BEFORE_FORMS + """
              from event_seal
             order by seal_position desc
             limit 1
            """;

    private static final String AT = "select " + LINK_COLUMNS_BEFORE_FORMS + """
              from event_seal
             where seal_position = ?
            """;

    private static final String PAGE_AFTER = """
              from event_seal
             where seal_position > ?
             order by seal_position
             limit ?
            """;

    private static final String INSERT = """
            insert into event_seal (seal_position, event_position, event_id, event_hash, previous_hash, chain_hash, form)
            select s, p, i, e, v, c, f
              from unnest(?::bigint[], ?::bigint[], ?::uuid[], ?::bytea[], ?::bytea[], ?::bytea[], ?::smallint[])
                   as x(s, p, i, e, v, c, f)
            """;

    private static final String FIRST_UNSEALED_INSIDE = """
            select min(e.position)
              from domain_event e, domain_event head
             where head.position = ?
               and (e.tx_id, e.position) <= (head.tx_id, head.position)
               and not exists (select 1 from event_seal s where s.event_position = e.position)
            """;

    private final EventRepository events = new EventRepository(JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build());

    Optional<Link> head(Connection connection) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(HEAD)) {
            List<Link> links = readLinks(read);
            return links.isEmpty() ? Optional.empty() : Optional.of(links.get(0));
        }
    }

    /** The link at a seal position, if the chain has it. */
    Optional<Link> at(Connection connection, long sealPosition) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(AT)) {
            read.setLong(1, sealPosition);
            List<Link> links = readLinks(read);
            return links.isEmpty() ? Optional.empty() : Optional.of(links.get(0));
        }
    }

    /** Whether the seal table records each seal's form (V21 and later). */
    boolean hasForms(Connection connection) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(HAS_FORMS); ResultSet rs = read.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** The lowest transaction id the current snapshot may still see commit: the safe head's bound. */
    long safeBound(Connection connection) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(SAFE_BOUND); ResultSet rs = read.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    List<Link> page(Connection connection, long afterSeal, int limit, boolean withForms) throws SQLException {
        String sql = "select " + (withForms ? LINK_COLUMNS : LINK_COLUMNS_BEFORE_FORMS) + PAGE_AFTER;
        try (PreparedStatement read = connection.prepareStatement(sql)) {
            read.setLong(1, afterSeal);
            read.setInt(2, limit);
            return readLinks(read);
        }
    }

    void insert(Connection connection, List<Link> links) throws SQLException {
        int n = links.size();
        Long[] seals = new Long[n];
        Long[] positions = new Long[n];
        UUID[] ids = new UUID[n];
        byte[][] eventHashes = new byte[n][];
        byte[][] previousHashes = new byte[n][];
        byte[][] chainHashes = new byte[n][];
        Short[] forms = new Short[n];
        for (int i = 0; i < n; i++) {
            Link link = links.get(i);
            seals[i] = link.sealPosition();
            positions[i] = link.eventPosition();
            ids[i] = link.eventId();
            eventHashes[i] = link.eventHash();
            previousHashes[i] = link.previousHash();
            chainHashes[i] = link.chainHash();
            forms[i] = (short) link.form();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setArray(1, connection.createArrayOf("bigint", seals));
            insert.setArray(2, connection.createArrayOf("bigint", positions));
            insert.setArray(3, connection.createArrayOf("uuid", ids));
            insert.setArray(4, connection.createArrayOf("bytea", eventHashes));
            insert.setArray(5, connection.createArrayOf("bytea", previousHashes));
            insert.setArray(6, connection.createArrayOf("bytea", chainHashes));
            insert.setArray(7, connection.createArrayOf("smallint", forms));
            insert.executeUpdate();
        }
    }

    /** The events at these positions exactly as stored (payloads parsed with exact decimals). */
    List<StoredEvent> events(Connection connection, List<Long> positions) throws SQLException {
        return events.readPositions(connection, positions);
    }

    /** The lowest position of an event at or before the head's event in global order that has no seal. */
    Optional<Long> firstUnsealedInside(Connection connection, long headEventPosition) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(FIRST_UNSEALED_INSIDE)) {
            read.setLong(1, headEventPosition);
            try (ResultSet rs = read.executeQuery()) {
                rs.next();
                long position = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(position);
            }
        }
    }

    private static List<Link> readLinks(PreparedStatement statement) throws SQLException {
        List<Link> links = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                links.add(new Link(rs.getLong(1), rs.getLong(2), rs.getObject(3, UUID.class), rs.getBytes(4),
                        rs.getBytes(5), rs.getBytes(6), rs.getObject(7, OffsetDateTime.class), rs.getInt(8)));
            }
        }
        return links;
    }
}
