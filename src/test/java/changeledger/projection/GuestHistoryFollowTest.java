package changeledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import changeledger.projection.GuestSighting.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A guest's history follows its migration to another member of its cluster, and only there (ADR 0065). */
class GuestHistoryFollowTest {

    private static final Instant CREATED = Instant.parse("2026-01-10T00:00:00Z");
    private static final Map<String, String> ONE_CLUSTER = Map.of("a", "lab", "b", "lab");

    private final List<GuestSighting> sightings = new ArrayList<>();

    @Test
    void givenMigrationThenSnapshotOnTheTarget_whenFolded_thenOneGuestOnBothHosts() {
        see("a", Kind.CONFIG, "08:00", "pihole", CREATED);
        see("a", Kind.MIGRATED, "09:02", null, null);
        see("b", Kind.CONFIG, "10:30", "dns1", CREATED);

        GuestHistory history = GuestHistory.of(ordered(), ONE_CLUSTER);

        assertThat(history.of("a", "101")).singleElement().satisfies(g -> {
            assertThat(g.until()).isEqualTo(at("09:02"));
            assertThat(g.movedTo()).isEqualTo("b");
        });
        assertThat(history.of("b", "101")).singleElement().satisfies(g -> {
            assertThat(g.since()).isEqualTo(at("09:02"));
            assertThat(g.created()).isEqualTo(CREATED);
            assertThat(g.movedFrom()).isEqualTo("a");
            assertThat(g.names()).extracting(GuestHistory.NamePeriod::name).containsExactly("pihole", "dns1");
        });
        // before B's snapshot renamed it, B's tasks see the name it had on A
        assertThat(history.nameAt("b", "101", at("10:00"))).isEqualTo("pihole");
    }

    @Test
    void givenAnotherCreationTimeOnTheTarget_whenFolded_thenAnotherGuest() {
        see("a", Kind.CONFIG, "08:00", "pihole", CREATED);
        see("a", Kind.MIGRATED, "09:02", null, null);
        see("b", Kind.CONFIG, "10:30", "grafana", CREATED.plusSeconds(86_400));

        GuestHistory history = GuestHistory.of(ordered(), ONE_CLUSTER);

        assertThat(history.of("a", "101").get(0).movedTo()).isNull();
        assertThat(history.of("b", "101")).singleElement().satisfies(g -> {
            assertThat(g.movedFrom()).isNull();
            assertThat(g.names()).extracting(GuestHistory.NamePeriod::name).containsExactly("grafana");
        });
    }

    @Test
    void givenHostsOfNoCommonCluster_whenFolded_thenNothingFollows() {
        see("a", Kind.CONFIG, "08:00", "pihole", CREATED);
        see("a", Kind.MIGRATED, "09:02", null, null);
        see("b", Kind.CONFIG, "10:30", "pihole", CREATED);

        GuestHistory history = GuestHistory.of(ordered(), Map.of("a", "lab", "b", "infra"));

        assertThat(history.of("b", "101").get(0).movedFrom()).isNull();
        assertThat(history.of("b", "101").get(0).since()).as("its creation, before its first sighting")
                .isEqualTo(CREATED);
        assertThat(history.nameAt("c", "101", at("10:00"))).as("a host outside the cluster").isNull();
    }

    @Test
    void givenMigrationThenDestroyOnTheTargetWithoutSnapshot_whenFolded_thenTheDestroyEndsItThere() {
        see("a", Kind.CONFIG, "08:00", "pihole", CREATED);
        see("a", Kind.MIGRATED, "09:01", null, null);
        see("b", Kind.DESTROYED, "11:00", null, null);

        GuestHistory history = GuestHistory.of(ordered(), ONE_CLUSTER);

        assertThat(history.of("b", "101")).singleElement().satisfies(g -> {
            assertThat(g.since()).isEqualTo(at("09:01"));
            assertThat(g.until()).isEqualTo(at("11:00"));
            assertThat(g.name()).isEqualTo("pihole");
        });
        assertThat(history.allOf("a")).extracting(GuestHistory.Guest::until).containsExactly(at("09:01"));
    }

    @Test
    void givenADestroyOfAGuestThatNeverMoved_whenFolded_thenNothingIsAdded() {
        see("a", Kind.CONFIG, "08:00", "pihole", CREATED);
        see("b", Kind.DESTROYED, "11:00", null, null);

        assertThat(GuestHistory.of(ordered(), ONE_CLUSTER).allOf("b")).isEmpty();
    }

    private void see(String host, Kind kind, String time, String name, Instant created) {
        sightings.add(new GuestSighting(sightings.size() + 1, host, "101", kind, at(time), name, created));
    }

    /** The sightings by host, guest, time and position, as the repository reads them. */
    private List<GuestSighting> ordered() {
        return sightings.stream().sorted(Comparator.comparing(GuestSighting::hostId)
                .thenComparing(GuestSighting::at).thenComparing(GuestSighting::position)).toList();
    }

    private static Instant at(String time) {
        return Instant.parse("2026-09-14T" + time + ":00Z");
    }
}
