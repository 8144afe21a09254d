package changeledger.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import changeledger.evidence.EvidenceEvent.EvidenceGapClosed;
import changeledger.evidence.EvidenceEvent.EvidenceGapOpened;
import changeledger.evidence.EvidenceEvent.EvidenceLossReported;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GapRuleTest {

    private static final Duration MAX = Duration.ofMinutes(30);
    private static final Instant T = Instant.parse("2026-03-10T10:00:00Z");

    @Test
    void givenNoTaskSourceEverSeen_thenNoGap() {
        assertThat(GapRule.decide("h", Optional.empty(), List.of(), T.plus(Duration.ofDays(3)), MAX)).isEmpty();
    }

    @Test
    void givenSilenceOfExactlyTheMaximum_thenNoGap_andOneSecondMoreOpensItAtTheLastSign() {
        List<GapRule.TaskSign> signs = List.of(new GapRule.TaskSign("task-index", T, null));
        assertThat(GapRule.decide("h", Optional.empty(), signs, T.plus(MAX), MAX)).isEmpty();
        assertThat(GapRule.decide("h", Optional.empty(), signs, T.plus(MAX).plusSeconds(1), MAX))
                .containsExactly(new EvidenceGapOpened("h", "task-index", T));
    }

    @Test
    void givenCollectorSilentButPullRecent_thenNoGap() {
        List<GapRule.TaskSign> signs = List.of(new GapRule.TaskSign("task-index", T, null),
                new GapRule.TaskSign("pull", T.plus(Duration.ofMinutes(50)), null));
        assertThat(GapRule.decide("h", Optional.empty(), signs, T.plus(Duration.ofMinutes(60)), MAX)).isEmpty();
    }

    @Test
    void givenOpenGap_whenDataCameAgain_thenClosedAtTheFirstSignAfterIt() {
        EvidenceGap open = new EvidenceGap("task-index", T, null);
        Instant back = T.plus(Duration.ofHours(2));
        List<GapRule.TaskSign> signs = List.of(new GapRule.TaskSign("task-index", back.plusSeconds(240), back));
        assertThat(GapRule.decide("h", Optional.of(open), signs, back.plusSeconds(300), MAX))
                .containsExactly(new EvidenceGapClosed("h", "task-index", back));
        assertThat(GapRule.decide("h", Optional.of(open), List.of(new GapRule.TaskSign("task-index", T, null)),
                back, MAX)).as("still silent: nothing new").isEmpty();
    }

    @Test
    void foldAndClip_giveTheGapsInsideTheSpan() {
        Instant month = Instant.parse("2026-03-01T00:00:00Z");
        Instant next = Instant.parse("2026-04-01T00:00:00Z");
        List<EvidenceGap> gaps = EvidenceGaps.fold(List.of(
                new EvidenceGapOpened("h", "task-index", Instant.parse("2026-02-28T23:00:00Z")),
                new EvidenceGapClosed("h", "task-index", Instant.parse("2026-03-01T01:00:00Z")),
                new EvidenceLossReported("h", "access-log", T, T.plusSeconds(60)),
                new EvidenceGapOpened("h", "pull", Instant.parse("2026-03-31T23:00:00Z"))));
        assertThat(EvidenceGaps.clip(gaps, month, next)).containsExactly(
                new EvidenceGap("task-index", month, Instant.parse("2026-03-01T01:00:00Z")),
                new EvidenceGap("access-log", T, T.plusSeconds(60)),
                new EvidenceGap("pull", Instant.parse("2026-03-31T23:00:00Z"), null));
        assertThat(EvidenceGaps.clip(gaps, next, next.plus(Duration.ofDays(30))))
                .containsExactly(new EvidenceGap("pull", next, null));
    }
}
