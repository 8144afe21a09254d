package changeledger.eventstore.seal;

import static changeledger.support.TestEvents.event;
import static changeledger.support.TestEvents.uniqueAggregate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import changeledger.eventstore.GlobalCursor;
import changeledger.eventstore.StoredEvent;
import changeledger.support.PlainDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A superuser with triggers off changes history; verification must say where. */
class TamperTest {

    private PlainDatabase db;
    private List<Long> sealedPositions;

    @BeforeEach
    void setUp() throws Exception {
        db = PlainDatabase.migrated();
        for (int i = 0; i < 6; i++) {
            db.appendCommitted(uniqueAggregate("Sealed"), List.of(event("Noted", "event " + i)));
        }
        sealedPositions = sealEverything();
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void givenUntouchedStore_whenVerified_thenVerifiedWithEveryLinkChecked() throws Exception {
        Checkpoint checkpoint = checkpoint();

        Verification result = verify(checkpoint.position(), checkpoint.hash());

        assertThat(result).isEqualTo(new Verification(true, 6, 6, null, null, null));
        assertThat(checkpoint.eventPosition()).isEqualTo(sealedPositions.get(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "update domain_event set payload = jsonb_set(payload, '{note}', '\"event 9\"') where position = %d",
        "update domain_event set metadata = jsonb_set(metadata, '{actorName}', '\"tesT\"') where position = %d",
        "update domain_event set occurred_at = occurred_at + interval '1 microsecond' where position = %d",
        "update domain_event set recorded_at = recorded_at - interval '1 microsecond' where position = %d",
        "update domain_event set event_type = 'NoteD' where position = %d",
        "update domain_event set revision = 2 where position = %d"
    })
    void givenOneSealedEventChanged_whenVerified_thenItsPositionIsNamed(String tampering) throws Exception {
        long victim = sealedPositions.get(3);

        db.tamper(tampering.formatted(victim));

        Verification result = verify(null, null);
        assertThat(result.verified()).isFalse();
        assertThat(result.firstBrokenPosition()).isEqualTo(victim);
        assertThat(result.checked()).isEqualTo(3);
        assertThat(result.reason()).contains("changed after it was sealed");
    }

    @Test
    void givenSealedEventsTxIdMovedFarAhead_whenVerifiedOnlineAndOffline_thenItsPositionIsNamed() throws Exception {
        long victim = sealedPositions.get(3);

        db.tamper("update domain_event set tx_id = (tx_id::text::bigint + 1000000000)::text::xid8 where position = "
                + victim);

        Verification result = verify(null, null);
        assertThat(result.verified()).isFalse();
        assertThat(result.firstBrokenPosition()).isEqualTo(victim);
        assertThat(result.checked()).isEqualTo(3);
        assertThat(result.reason()).contains("at or above the safe head");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = OfflineVerifier.run(new String[] {"--url", db.jdbcUrl()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("verified=false")
                .contains("firstBrokenPosition=" + victim);
    }

    @Test
    void givenSealedEventsTxIdMovedBeforeTheEventSealedBeforeIt_whenVerified_thenItsPositionIsNamed()
            throws Exception {
        long victim = sealedPositions.get(3);

        db.tamper("update domain_event set tx_id = '3' where position = " + victim);

        Verification result = verify(null, null);
        assertThat(result.verified()).isFalse();
        assertThat(result.firstBrokenPosition()).isEqualTo(victim);
        assertThat(result.reason()).contains("comes before the event sealed before it");
    }

    @Test
    void givenSealsFormLoweredToTheFirst_whenVerified_thenTheSealIsNamed() throws Exception {
        db.tamper("update event_seal set form = 1 where seal_position = 5");

        Verification result = verify(null, null);
        assertThat(result.verified()).isFalse();
        assertThat(result.firstBrokenSeal()).isEqualTo(5);
        assertThat(result.firstBrokenPosition()).isEqualTo(sealedPositions.get(4));
    }

    @Test
    void givenSealedEventDeleted_whenVerified_thenItsPositionIsNamed() throws Exception {
        long victim = sealedPositions.get(2);

        db.tamper("delete from domain_event where position = " + victim);

        Verification result = verify(null, null);
        assertThat(result.verified()).isFalse();
        assertThat(result.firstBrokenPosition()).isEqualTo(victim);
        assertThat(result.reason()).contains("missing from the store");
    }

    @Test
    void givenSealRowDeleted_whenVerified_thenTheGapIsNamed() throws Exception {
        db.tamper("delete from event_seal where seal_position = 4");

        Verification result = verify(null, null);
        assertThat(result.verified()).isFalse();
        assertThat(result.firstBrokenPosition()).isEqualTo(sealedPositions.get(4));
        assertThat(result.reason()).contains("seal 4 is missing");
    }

    @Test
    void givenEventSmuggledIntoTheSealedRange_whenVerified_thenItIsNamed() throws Exception {
        db.tamper("""
                insert into domain_event (event_id, aggregate_type, aggregate_id, sequence_number, event_type, revision,
                                          payload, metadata, occurred_at, tx_id)
                values (gen_random_uuid(), 'Forged', 'f-1', 0, 'Noted', 1, '{}', '{}', now(), '1')""");
        long forged = db.queryLong("select position from domain_event where aggregate_type = 'Forged'");

        Verification result = verify(null, null);

        assertThat(result.verified()).isFalse();
        assertThat(result.firstBrokenPosition()).isEqualTo(forged);
        assertThat(result.reason()).contains("has no seal");
    }

    @Test
    void givenHistoryRewrittenAndResealed_whenVerifiedAgainstCheckpoint_thenTheRewriteIsDetected() throws Exception {
        Checkpoint saved = checkpoint();
        String[] withCheckpoint = {"--url", db.jdbcUrl(), "--checkpoint-position", Long.toString(saved.position()),
            "--checkpoint-hash", saved.hash()};
        assertThat(offline(withCheckpoint)).isZero();

        // when: the attacker changes an event and rebuilds the whole chain so that it is consistent again
        db.tamper("update domain_event set payload = jsonb_set(payload, '{note}', '\"rewritten\"') where position = "
                + sealedPositions.get(1));
        db.tamper("delete from event_seal");
        sealEverything();

        // then: the chain alone verifies, but not against the checkpoint kept outside the database
        assertThat(verify(null, null).verified()).isTrue();
        Verification result = verify(saved.position(), saved.hash());
        assertThat(result.verified()).isFalse();
        assertThat(result.reason()).contains("differs from the checkpoint");
        assertThat(offline(withCheckpoint)).isEqualTo(1);
    }

    @Test
    void givenTailCutAfterACheckpointWasExported_whenVerifiedAgainstTheFile_thenTheCutSealsAreNamed(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("checkpoints.jsonl");
        CheckpointFile.append(file, checkpoint(), Instant.now());
        String[] againstFile = {"--url", db.jdbcUrl(), "--checkpoint-file", file.toString()};
        assertThat(offline(againstFile)).isZero();

        // when: the last two events and their seals are deleted, leaving a chain consistent in itself
        db.tamper("delete from event_seal where seal_position > 4");
        db.tamper("delete from domain_event where position in (" + sealedPositions.get(4) + ", "
                + sealedPositions.get(5) + ")");

        // then: only the exported checkpoint shows the cut, online and offline
        assertThat(verify(null, null).verified()).isTrue();
        Checkpoint saved = CheckpointFile.last(file).orElseThrow().checkpoint();
        Verification result = verify(saved.position(), saved.hash());
        assertThat(result.verified()).isFalse();
        assertThat(result.firstBrokenSeal()).isEqualTo(5);
        assertThat(result.reason()).contains("ends at seal 4, before the checkpoint at seal 6")
                .contains("seals 5 to 6");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = OfflineVerifier.run(againstFile, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("checkpoint: seal 6 (event position "
                + sealedPositions.get(5) + ")").contains("verified=false").contains("firstBrokenSeal=5")
                .contains("seals 5 to 6");
    }

    @Test
    void givenACheckpointFileWithoutACheckpoint_whenVerifiedOffline_thenUsageError(@TempDir Path dir)
            throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n");

        assertThat(offline(new String[] {"--url", db.jdbcUrl(), "--checkpoint-file", empty.toString()}))
                .isEqualTo(2);
        assertThat(offline(new String[] {"--url", db.jdbcUrl(), "--checkpoint-file", dir.resolve("missing")
                .toString()})).isEqualTo(2);
        assertThat(offline(new String[] {"--url", db.jdbcUrl(), "--checkpoint-file", empty.toString(),
            "--checkpoint-position", "1"})).isEqualTo(2);
    }

    @Test
    void givenHalfACheckpoint_whenVerified_thenRefused() {
        assertThatThrownBy(() -> verify(3L, null)).isInstanceOf(InvalidCheckpointException.class);
        assertThatThrownBy(() -> verify(3L, "xyz")).isInstanceOf(InvalidCheckpointException.class);
    }

    private List<Long> sealEverything() throws Exception {
        try (Connection connection = db.connect()) {
            List<StoredEvent> stored = db.reader().fetchAfter(connection, GlobalCursor.START, 1000).storedEvents();
            new SealChain().seal(connection, stored);
            return stored.stream().map(StoredEvent::position).toList();
        }
    }

    private Checkpoint checkpoint() throws Exception {
        try (Connection connection = db.connect()) {
            return new SealChain().checkpoint(connection).orElseThrow();
        }
    }

    private Verification verify(Long position, String hash) throws Exception {
        try (Connection connection = db.connect()) {
            return new SealChain().verify(connection, position, hash);
        }
    }

    private static int offline(String[] args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return OfflineVerifier.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    }
}
