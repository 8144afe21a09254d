package changeledger.eventstore.seal;

import static changeledger.support.TestEvents.event;
import static changeledger.support.TestEvents.uniqueAggregate;
import static org.assertj.core.api.Assertions.assertThat;

import changeledger.eventstore.EventPage;
import changeledger.eventstore.EventReader;
import changeledger.eventstore.GlobalCursor;
import changeledger.eventstore.StoredEvent;
import changeledger.eventstore.Upcaster;
import changeledger.support.PlainDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sealer hashes the events of its batch as stored, not as its reader upcasts them: the chain must verify
 * against the table, which holds the stored revision.
 */
class SealBatchTest {

    private static final Upcaster NOTED_TO_REVISION_2 = new Upcaster() {
        @Override
        public String eventType() {
            return "Noted";
        }

        @Override
        public int fromRevision() {
            return 1;
        }

        @Override
        public JsonNode upcast(JsonNode payload, StoredEvent event) {
            return ((ObjectNode) payload.deepCopy()).put("addedBy", "revision 2");
        }
    };

    private PlainDatabase db;
    private EventPage page;

    @BeforeEach
    void setUp() throws Exception {
        db = PlainDatabase.migrated();
        for (int i = 0; i < 3; i++) {
            db.appendCommitted(uniqueAggregate("Sealed"), List.of(event("Noted", "event " + i)));
        }
        EventReader upcasting = new EventReader(new ObjectMapper(), List.of(NOTED_TO_REVISION_2));
        try (Connection connection = db.connect()) {
            page = upcasting.fetchAfter(connection, GlobalCursor.START, 100);
        }
        assertThat(page.events()).allMatch(e -> e.revision() == 2 && e.payload().has("addedBy"));
        assertThat(page.storedEvents()).allMatch(e -> e.revision() == 1 && !e.payload().has("addedBy"));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void givenPageReadThroughUpcasters_whenSealedAsStored_thenTheChainVerifiesAgainstTheTable() throws Exception {
        try (Connection connection = db.connect()) {
            new SealChain().seal(connection, page.storedEvents());
            assertThat(new SealChain().verify(connection, null, null))
                    .isEqualTo(new Verification(true, 3, 3, null, null, null));
        }
    }

    @Test
    void givenPageReadThroughUpcasters_whenSealedUpcast_thenVerificationFindsTheDifference() throws Exception {
        try (Connection connection = db.connect()) {
            new SealChain().seal(connection, page.events());
            Verification result = new SealChain().verify(connection, null, null);
            assertThat(result.verified()).isFalse();
            assertThat(result.firstBrokenPosition()).isEqualTo(page.storedEvents().get(0).position());
        }
    }
}
