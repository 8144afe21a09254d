package changeledger.eventstore.seal;

import static org.assertj.core.api.Assertions.assertThat;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.StoredEvent;
import changeledger.time.IsoInstants;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventHasherTest {

    private static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final UUID ID = UUID.fromString("0b6f3c1e-2f4a-4c7e-9d2b-7a1e5f3c9d10");

    private final EventHasher hasher = new EventHasher();

    @Test
    void givenEvent_whenSerialised_thenKeysSortedTimesInMicrosAndNumbersPlain() throws Exception {
        StoredEvent event = event("{\"z\":1.50,\"a\":{\"y\":\"ü\",\"b\":[2,1e2]}}", Instant.parse("2026-11-01T10:15:30Z"));

        String canonical = new String(hasher.canonical(event), StandardCharsets.UTF_8);

        assertThat(canonical).isEqualTo("{\"aggregateId\":\"lab/UPID:1\",\"aggregateType\":\"ProxmoxTask\","
                + "\"id\":\"0b6f3c1e-2f4a-4c7e-9d2b-7a1e5f3c9d10\",\"metadata\":{\"actorName\":\"t\",\"source\":\"api\"},"
                + "\"occurredAt\":\"2026-11-01T10:15:30.000000Z\",\"payload\":{\"a\":{\"b\":[2,100],\"y\":\"ü\"},\"z\":1.5},"
                + "\"recordedAt\":\"2026-11-02T00:00:00.123456Z\",\"revision\":1,\"sequence\":0,\"type\":\"ProxmoxTaskStarted\"}");
    }

    @Test
    void givenSameContentInOtherKeyOrderAndNumberSpelling_whenHashed_thenSameHash() throws Exception {
        Instant at = Instant.parse("2026-11-01T10:15:30Z");

        assertThat(hasher.hash(event("{\"a\":1.0,\"b\":\"x\"}", at)))
                .isEqualTo(hasher.hash(event("{\"b\":\"x\",\"a\":1.00}", at)));
    }

    @Test
    void givenOneCharacterOrOneMicrosecondChanged_whenHashed_thenHashDiffers() throws Exception {
        Instant at = Instant.parse("2026-11-01T10:15:30Z");
        byte[] original = hasher.hash(event("{\"note\":\"event 1\"}", at));

        assertThat(hasher.hash(event("{\"note\":\"event 2\"}", at))).isNotEqualTo(original);
        assertThat(hasher.hash(event("{\"note\":\"event 1\"}", at.plusNanos(1_000)))).isNotEqualTo(original);
        assertThat(hasher.hash(event("{\"note\":\"event 1\"}", at.plusNanos(1)))).isEqualTo(original);
    }

    @Test
    void givenTimesAcrossTheYearsAndFractions_whenFormatted_thenAsThePatternWithSixFractionDigits() {
        java.time.format.DateTimeFormatter pattern = java.time.format.DateTimeFormatter
                .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);
        java.util.Random random = new java.util.Random(6);
        java.util.List<Instant> instants = new java.util.ArrayList<>(java.util.List.of(Instant.EPOCH,
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59.5Z"),
                Instant.parse("2026-02-28T23:59:59.000001999Z")));
        for (int i = 0; i < 10_000; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong() % 400_000_000_000L, random.nextInt(1_000_000_000)));
        }

        assertThat(instants).allSatisfy(at -> assertThat(IsoInstants.formatMicros(at))
                .isEqualTo(pattern.format(at.truncatedTo(java.time.temporal.ChronoUnit.MICROS))));
    }

    @Test
    void givenEvents_whenHashed_thenTheHashIsTheSha256OfTheCanonicalForm() throws Exception {
        Instant at = Instant.parse("2026-11-01T10:15:30.123456Z");
        java.util.List<StoredEvent> events = java.util.List.of(event("{}", at),
                event("{\"n\":12345678901234567890123,\"m\":-9223372036854775808,\"d\":-0.000}", at),
                event("{\"nested\":{\"b\":[{\"z\":null,\"a\":true}],\"a\":\"\\u0000\\n\\\"\"}}", at));

        for (StoredEvent event : events) {
            assertThat(hasher.hash(event)).isEqualTo(
                    java.security.MessageDigest.getInstance("SHA-256").digest(hasher.canonical(event)));
        }
        assertThat(new String(hasher.canonical(events.get(1)), StandardCharsets.UTF_8))
                .contains("\"payload\":{\"d\":0,\"m\":-9223372036854775808,\"n\":12345678901234567890123}");
    }

    private static StoredEvent event(String payload, Instant occurredAt) throws Exception {
        JsonNode metadata = EXACT.readTree("{\"source\":\"api\",\"actorName\":\"t\"}");
        return new StoredEvent(7, ID, new AggregateRef("ProxmoxTask", "lab/UPID:1"), 0, "ProxmoxTaskStarted", 1,
                EXACT.readTree(payload), metadata, occurredAt, Instant.parse("2026-11-02T00:00:00.123456789Z"), 99);
    }
}
