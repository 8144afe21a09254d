package changeledger.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    @Test
    void givenStoredTaskTimes_whenParsed_thenTheSameInstantsAsInstantParse() {
        Random random = new Random(26);
        List<String> texts = new ArrayList<>(List.of("1970-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59Z", "2024-02-29T12:00:00Z", "2026-05-01T10:00:00Z",
                "2026-05-01T10:00:00.5Z", "2026-05-01T10:00:00.000001Z", "+10000-01-01T00:00:00Z",
                "2026-12-31T23:59:60Z", "2026-01-01t10:00:00z", "2026-01-01T24:00:00Z"));
        for (int i = 0; i < 20_000; i++) {
            texts.add(Instant.ofEpochSecond(Math.floorMod(random.nextLong(), 253_402_300_800L)).toString());
        }

        assertThat(texts).allSatisfy(text ->
                assertThat(IsoInstants.parse(text)).isEqualTo(Instant.parse(text)));
    }

    @Test
    void givenTimesOutOfRangeOrMalformed_whenParsed_thenRefusedAsInstantParseRefusesThem() {
        List<String> bad = List.of("2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z",
                "2026-01-00T00:00:00Z", "2026-01-01T10:60:00Z", "2026-01-01T10:00:61Z",
                "2026-01-01 10:00:00Z", "2O26-01-01T10:00:00Z", "");

        assertThat(bad).allSatisfy(text -> {
            assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> IsoInstants.parse(text)).isInstanceOf(DateTimeParseException.class);
        });
    }

    @Test
    void givenInstantsOfEveryPrecision_whenFormatted_thenTheTextOfInstantToString() {
        Random random = new Random(11);
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.MIN, Instant.MAX,
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("2024-02-29T12:00:00.100Z"), Instant.parse("2026-05-01T10:00:00.000001Z"),
                Instant.parse("2026-05-01T10:00:00.000000001Z"), Instant.ofEpochSecond(-1, 5)));
        int[] scales = {1_000_000_000, 1_000_000, 1_000, 1};
        for (int i = 0; i < 20_000; i++) {
            long seconds = Math.floorMod(random.nextLong(), 253_402_300_800L + 62_167_219_200L) - 62_167_219_200L;
            int scale = scales[i % scales.length];
            instants.add(Instant.ofEpochSecond(seconds, (long) random.nextInt(1_000_000_000 / scale) * scale));
        }

        assertThat(instants).allSatisfy(instant ->
                assertThat(IsoInstants.format(instant)).isEqualTo(instant.toString()));
    }

    @Test
    void givenOtherFormsThanUtcSeconds_thenNoShortWayAndTheCallerDecides() {
        assertThat(IsoInstants.parseUtcSeconds("2026-05-01T10:00:00Z")).isEqualTo(Instant.parse("2026-05-01T10:00:00Z"));
        assertThat(List.of("2026-05-01T10:00:00+01:00", "2026-05-01T10:00:00.5Z", "2026-05-01", "2026-02-30T00:00:00Z",
                "2026-12-31T23:59:60Z")).allSatisfy(text -> assertThat(IsoInstants.parseUtcSeconds(text)).isNull());
        assertThat(IsoInstants.parseUtcSeconds(null)).isNull();
    }
}
