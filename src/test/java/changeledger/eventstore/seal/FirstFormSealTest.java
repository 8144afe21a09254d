package changeledger.eventstore.seal;

import static changeledger.support.TestEvents.event;
import static changeledger.support.TestEvents.uniqueAggregate;
import static org.assertj.core.api.Assertions.assertThat;

import changeledger.eventstore.GlobalCursor;
import changeledger.eventstore.StoredEvent;
import changeledger.support.PlainDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seals written under the first canonical form, as a database sealed before V21 holds them (ADR 0034). */
class FirstFormSealTest {

    private PlainDatabase db;
    private List<Long> firstFormPositions;

    @BeforeEach
    void setUp() throws Exception {
        db = PlainDatabase.migrated();
        for (int i = 0; i < 4; i++) {
            db.appendCommitted(uniqueAggregate("Old"), List.of(event("Noted", "old " + i)));
        }
        firstFormPositions = sealUnderTheFirstForm();
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void givenFirstFormSeals_whenVerified_thenVerified() throws Exception {
        assertThat(db.queryLong("select count(*) from event_seal where form = 1")).isEqualTo(4);

        assertThat(verify()).isEqualTo(new Verification(true, 4, 4, null, null, null));
    }

    @Test
    void givenFirstFormSealsFollowedBySecondFormSeals_whenVerified_thenVerified() throws Exception {
        db.appendCommitted(uniqueAggregate("New"), List.of(event("Noted", "new 1"), event("Noted", "new 2")));

        sealTheRest();

        assertThat(db.queryLong("select count(*) from event_seal where form = 2")).isEqualTo(2);
        assertThat(db.queryLong("select max(seal_position) from event_seal where form = 1")).isEqualTo(4);
        assertThat(verify()).isEqualTo(new Verification(true, 6, 6, null, null, null));
    }

    @Test
    void givenFirstFormSealedEventsPayloadChanged_whenVerified_thenItsPositionIsNamed() throws Exception {
        long victim = firstFormPositions.get(2);

        db.tamper("update domain_event set payload = jsonb_set(payload, '{note}', '\"x\"') where position = " + victim);

        Verification result = verify();
        assertThat(result.verified()).isFalse();
        assertThat(result.firstBrokenPosition()).isEqualTo(victim);
        assertThat(result.reason()).contains("changed after it was sealed");
    }

    @Test
    void givenFirstFormSealedEventsTxIdMovedFarAhead_whenVerified_thenItsPositionIsNamedThoughTheHashHoldsNoTxId()
            throws Exception {
        long victim = firstFormPositions.get(1);

        db.tamper("update domain_event set tx_id = (tx_id::text::bigint + 1000000000)::text::xid8 where position = "
                + victim);

        Verification result = verify();
        assertThat(result.verified()).isFalse();
        assertThat(result.firstBrokenPosition()).isEqualTo(victim);
        assertThat(result.reason()).contains("at or above the safe head");
    }

    /** Writes the chain as the sealer did before V21: first-form hashes, rows without a form (the default, 1). */
    private List<Long> sealUnderTheFirstForm() throws Exception {
        EventHasher hasher = new EventHasher();
        try (Connection connection = db.connect();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into event_seal (seal_position, event_position, event_id, event_hash, previous_hash,
                                             chain_hash)
                     values (?, ?, ?, ?, ?, ?)""")) {
            List<StoredEvent> stored = db.reader().fetchAfter(connection, GlobalCursor.START, 1000).storedEvents();
            byte[] previous = SealChain.GENESIS;
            long seal = 0;
            for (StoredEvent event : stored) {
                byte[] eventHash = hasher.hash(event, EventHasher.FORM_WITHOUT_TX);
                byte[] chain = SealChain.link(previous, ++seal, event.position(), eventHash);
                insert.setLong(1, seal);
                insert.setLong(2, event.position());
                insert.setObject(3, event.id());
                insert.setBytes(4, eventHash);
                insert.setBytes(5, previous);
                insert.setBytes(6, chain);
                insert.executeUpdate();
                previous = chain;
            }
            return stored.stream().map(StoredEvent::position).toList();
        }
    }

    private void sealTheRest() throws Exception {
        try (Connection connection = db.connect()) {
            long head = new SealChain().checkpoint(connection).orElseThrow().eventPosition();
            List<StoredEvent> stored = db.reader().fetchAfter(connection, GlobalCursor.START, 1000).storedEvents();
            int after = stored.stream().map(StoredEvent::position).toList().indexOf(head) + 1;
            new SealChain().seal(connection, stored.subList(after, stored.size()));
        }
    }

    private Verification verify() throws Exception {
        try (Connection connection = db.connect()) {
            return new SealChain().verify(connection, null, null);
        }
    }
}
