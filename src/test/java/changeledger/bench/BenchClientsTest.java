package changeledger.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import changeledger.config.ConfigChange;
import changeledger.config.ConfigParser;
import changeledger.config.LineFault;
import changeledger.config.SnapshotDiff;
import changeledger.config.TarArchive;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The clients of the config_sync, dashboard and stream benchmarks: what they send and how they check; no service. */
class BenchClientsTest {

    @Nested
    class Snapshots {

        private Map<String, Map<String, String>> parse(byte[] tar) {
            List<LineFault> faults = new ArrayList<>();
            Map<String, Map<String, String>> targets = ConfigParser.parse(TarArchive.files(tar, 16 << 20), faults::add);
            assertThat(faults).isEmpty();
            return targets;
        }

        @Test
        void givenTheNode_thenEveryGuestAndTheNodesOwnTargetsParseWithoutAFault() {
            NodeSnapshot snapshot = new NodeSnapshot();

            Map<String, Map<String, String>> targets = parse(snapshot.tar());

            assertThat(targets).hasSize(snapshot.targets()).containsKeys("100", "103", "199", ConfigParser.NODE,
                    ConfigParser.SECURITY, ConfigParser.CLUSTER);
            assertThat(snapshot.files()).isEqualTo(NodeSnapshot.GUESTS + 8);
        }

        @Test
        void givenOneChange_thenExactlyOneTargetDiffersByItsMemory() {
            NodeSnapshot snapshot = new NodeSnapshot();
            Map<String, Map<String, String>> before = parse(snapshot.tar());

            NodeSnapshot.Change change = snapshot.changeOne();
            Map<String, Map<String, String>> after = parse(snapshot.tar());

            List<String> changed = before.keySet().stream()
                    .filter(t -> !SnapshotDiff.changes(before.get(t), after.get(t)).isEmpty()).toList();
            assertThat(changed).containsExactly(change.guest());
            List<ConfigChange> diff = SnapshotDiff.changes(before.get(change.guest()), after.get(change.guest()));
            assertThat(diff).singleElement().satisfies(c -> {
                assertThat(c.key()).isEqualTo("memory");
                assertThat(c.before()).isEqualTo(change.before());
                assertThat(c.after()).isEqualTo(change.after());
            });
            assertThat(Integer.parseInt(change.after()) - Integer.parseInt(change.before())).isEqualTo(256);
        }

        @Test
        void givenAHundredChanges_thenEveryGuestChangesOnce() {
            NodeSnapshot snapshot = new NodeSnapshot();
            List<String> guests = new ArrayList<>();
            for (int i = 0; i < NodeSnapshot.GUESTS; i++) {
                guests.add(snapshot.changeOne().guest());
            }
            assertThat(guests).doesNotHaveDuplicates().hasSize(NodeSnapshot.GUESTS);
        }
    }

    @Nested
    class Streams {

        private SseClient client(String text) {
            return new SseClient(new BufferedReader(new StringReader(text)), () -> { });
        }

        @Test
        void givenCommentsAndEvents_thenIdsAreKeptAtTheEndOfEachEvent() throws Exception {
            SseClient client = client(": stream open\n\nid: 7\ndata: {\"a\":1}\n\n: keep-alive\n\nid:5\ndata: {}\n\n"
                    + "id: 9\ndata: {}\n");
            client.awaitComment();

            client.read(2, Long.MAX_VALUE, new AtomicBoolean());

            assertThat(client.sortedIds()).containsExactly(5, 7);
        }

        @Test
        void givenADouble_thenItShowsInTheSortedIds() throws Exception {
            SseClient client = client("id: 3\ndata: {}\n\nid: 3\ndata: {}\n\n");

            client.read(2, Long.MAX_VALUE, new AtomicBoolean());

            assertThat(client.sortedIds()).containsExactly(3, 3);
        }

        @Test
        void givenAStreamThatEndsEarlyOrBeginsWithAnEvent_thenFails() {
            assertThatThrownBy(() -> client("id: 1\ndata: {}\n\n").read(2, Long.MAX_VALUE, new AtomicBoolean()))
                    .hasMessageContaining("ended after 1 of 2");
            assertThatThrownBy(() -> client("id: 1\ndata: {}\n\n").awaitComment())
                    .hasMessageContaining("instead of a comment");
        }
    }

    @Nested
    class Dashboard {

        private static final String CARD = "<section class=\"card host-card\" id=\"host-%1$s\" data-host=\"%1$s\">";

        @Test
        void givenBothCards_thenRight() {
            String html = CARD.formatted(QueryFixture.INFRA) + CARD.formatted(QueryFixture.LAB);
            assertThat(DashboardBenchmark.check(200, html)).isEmpty();
        }

        @Test
        void givenAMissingOrAThirdCardOrAnotherStatus_thenWrong() {
            assertThat(DashboardBenchmark.check(200, CARD.formatted(QueryFixture.INFRA)))
                    .containsExactly("no card of " + QueryFixture.LAB, "1 host cards, expected 2");
            String three = CARD.formatted(QueryFixture.INFRA) + CARD.formatted(QueryFixture.LAB)
                    + CARD.formatted("other");
            assertThat(DashboardBenchmark.check(200, three)).containsExactly("3 host cards, expected 2");
            assertThat(DashboardBenchmark.check(303, "")).contains("status 303");
        }

        @Test
        void givenTheSignInForm_thenItsCsrfFieldIsRead() {
            assertThat(DashboardSignIn.csrf("<input type=\"hidden\" name=\"_csrf\" value=\"abc-123\">"))
                    .isEqualTo("abc-123");
            assertThatThrownBy(() -> DashboardSignIn.csrf("<form></form>")).isInstanceOf(IllegalStateException.class);
        }
    }
}
