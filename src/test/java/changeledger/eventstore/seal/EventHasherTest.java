package changeledger.eventstore.seal;

import static org.assertj.core.api.Assertions.assertThat;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.StoredEvent;
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

    private static StoredEvent event(String payload, Instant occurredAt) throws Exception {
        JsonNode metadata = EXACT.readTree("{\"source\":\"api\",\"actorName\":\"t\"}");
        return new StoredEvent(7, ID, new AggregateRef("ProxmoxTask", "lab/UPID:1"), 0, "ProxmoxTaskStarted", 1,
                EXACT.readTree(payload), metadata, occurredAt, Instant.parse("2026-11-02T00:00:00.123456789Z"), 99);
    }
}
