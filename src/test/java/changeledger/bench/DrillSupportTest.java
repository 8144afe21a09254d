package changeledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the crash and restore drills leave out of a comparison, and the counter the restore drill moves to. */
class DrillSupportTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void givenAJsonReport_thenOnlyGeneratedAtIsMasked() {
        String report = "{\"month\":\"2026-06\",\"generatedAt\":\"2026-12-07T14:55:01.123456Z\",\"partial\":false,"
                + "\"hosts\":[{\"verdict\":\"informational\",\"lastChange\":\"2026-06-30T21:00:00Z\"}]}";

        assertThat(text(DrillSupport.maskGenerated(bytes(report)))).isEqualTo("{\"month\":\"2026-06\","
                + "\"generatedAt\":\"-\",\"partial\":false,\"hosts\":[{\"verdict\":\"informational\","
                + "\"lastChange\":\"2026-06-30T21:00:00Z\"}]}");
    }

    @Test
    void givenAnHtmlReport_thenOnlyTheGeneratedTimeIsMasked() {
        String page = "<p class=\"note\">Time zone Europe/Vienna. Generated 2026-12-07T14:55:01.123Z.</p>"
                + "<td>2026-06-03T10:00:00Z</td>";

        assertThat(text(DrillSupport.maskGenerated(bytes(page)))).isEqualTo("<p class=\"note\">Time zone "
                + "Europe/Vienna. Generated -.</p><td>2026-06-03T10:00:00Z</td>");
    }

    @Test
    void givenTwoReportsOfOtherEvents_thenTheyStillDifferAfterMasking() {
        byte[] one = DrillSupport.maskGenerated(bytes("{\"generatedAt\":\"2026-12-07T14:55:01Z\",\"changes\":3}"));
        byte[] other = DrillSupport.maskGenerated(bytes("{\"generatedAt\":\"2026-12-07T14:56:01Z\",\"changes\":4}"));

        assertThat(one).isNotEqualTo(other);
    }

    @Test
    void givenOpenAndClosedWindows_thenOnlyTheOpenOnesLoseTheirLength() throws Exception {
        String windows = "{\"items\":[{\"guest\":\"101\",\"open\":false,\"durationMinutes\":12.5},"
                + "{\"guest\":\"102\",\"open\":true,\"durationMinutes\":21676.7}]}";

        JsonNode masked = BenchMain.MAPPER.readTree(DrillSupport.closedLengths(bytes(windows)));

        assertThat(masked.path("items").path(0).path("durationMinutes").asDouble()).isEqualTo(12.5);
        assertThat(masked.path("items").path(1).path("durationMinutes").isNull()).isTrue();
        assertThat(masked.path("items").path(1).path("guest").asText()).isEqualTo("102");
    }

    @Test
    void givenATransactionIdOfTheFirstEpoch_thenTheCounterMovesToTheNextSegment() {
        assertThat(RestoreDrill.nextTransaction(7_827)).containsExactly(0, 1_048_576);
        assertThat(RestoreDrill.nextTransaction(1_048_575)).containsExactly(0, 1_048_576);
        assertThat(RestoreDrill.nextTransaction(1_048_576)).containsExactly(0, 2_097_152);
    }

    @Test
    void givenATransactionIdOfALaterEpoch_thenTheEpochIsKept() {
        long newest = (1L << 32) + 45_049;

        assertThat(RestoreDrill.nextTransaction(newest)).containsExactly(1, 1_048_576);
    }

    @Test
    void givenATransactionIdNearTheEndOfAnEpoch_thenTheCounterMovesIntoTheNextEpoch() {
        long newest = (2L << 32) + 0xFFF0_0001L;

        assertThat(RestoreDrill.nextTransaction(newest)).containsExactly(3, 1_048_576);
    }
}
