package changeledger.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Merging the members' times without quorum into the cluster's windows (ADR 0063). */
class QuorumWindowTest {

    private static final Instant NOV = Instant.parse("2026-11-01T00:00:00Z");

    private static ClusterObservation line(String host, String kind, String at) {
        return new ClusterObservation(host, kind, Instant.parse(at), "pmxcfs", null, UUID.randomUUID(), "line");
    }

    private static ClusterObservation lost(String host, String at) {
        return line(host, ClusterObservation.QUORUM_LOST, at);
    }

    private static ClusterObservation regained(String host, String at) {
        return line(host, ClusterObservation.QUORUM_REGAINED, at);
    }

    @Test
    void givenOverlappingAndTouchingTimes_thenOneWindowFromTheFirstLossToTheLastRegain() {
        List<MembershipSpan> spans = List.of(new MembershipSpan("a", "c", NOV, null),
                new MembershipSpan("b", "c", NOV, null), new MembershipSpan("d", "c", NOV, null));
        // a 10:00-10:02, b 10:01-10:03, d 10:03-10:04 (touches b's end): 10:00-10:04; a second loss line while lost
        // and a regain while quorate change nothing
        List<QuorumWindow> windows = QuorumWindow.of(spans, List.of(lost("a", "2026-11-12T10:00:00Z"),
                lost("a", "2026-11-12T10:00:01Z"), regained("a", "2026-11-12T10:02:00Z"),
                regained("a", "2026-11-12T10:02:30Z"), lost("b", "2026-11-12T10:01:00Z"),
                regained("b", "2026-11-12T10:03:00Z"), lost("d", "2026-11-12T10:03:00Z"),
                regained("d", "2026-11-12T10:04:00Z")));

        assertThat(windows).hasSize(1);
        assertThat(windows.get(0).start()).isEqualTo(Instant.parse("2026-11-12T10:00:00Z"));
        assertThat(windows.get(0).end()).isEqualTo(Instant.parse("2026-11-12T10:04:00Z"));
        assertThat(windows.get(0).durationMinutes(Instant.MAX)).isEqualTo(4.0);
        assertThat(windows.get(0).reportedBy()).containsExactly("a", "b", "d");
    }

    @Test
    void givenSeparateTimesAndAnOpenOne_thenTwoWindowsTheLastOpenUpToNow() {
        List<MembershipSpan> spans = List.of(new MembershipSpan("a", "c", NOV, null));
        List<QuorumWindow> windows = QuorumWindow.of(spans, List.of(lost("a", "2026-11-12T10:00:00Z"),
                regained("a", "2026-11-12T10:01:30Z"), lost("a", "2026-11-13T10:00:00Z")));

        assertThat(windows).hasSize(2);
        assertThat(windows.get(0).durationMinutes(Instant.MAX)).isEqualTo(1.5);
        assertThat(windows.get(1).open()).isTrue();
        assertThat(windows.get(1).durationMinutes(Instant.parse("2026-11-13T10:06:00Z"))).isEqualTo(6.0);
    }

    @Test
    void givenALossLoggedBeforeTheHostJoined_thenItIsNotTheClusters() {
        List<MembershipSpan> spans = List.of(new MembershipSpan("a", "c", Instant.parse("2026-11-10T00:00:00Z"),
                null));
        assertThat(QuorumWindow.of(spans, List.of(lost("a", "2026-11-05T10:00:00Z"),
                regained("a", "2026-11-05T10:01:00Z")))).isEmpty();
    }
}
