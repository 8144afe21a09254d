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
import java.util.List;
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
    void givenEvent_whenWrittenInTheSecondForm_thenPositionAndTxIdAtTheirSortedPlaces() throws Exception {
        StoredEvent event = event("{\"z\":1}", Instant.parse("2026-11-01T10:15:30Z"));

        String canonical = new String(hasher.canonical(event, EventHasher.FORM_WITH_TX), StandardCharsets.UTF_8);

        assertThat(canonical).isEqualTo("{\"aggregateId\":\"lab/UPID:1\",\"aggregateType\":\"ProxmoxTask\","
                + "\"id\":\"0b6f3c1e-2f4a-4c7e-9d2b-7a1e5f3c9d10\",\"metadata\":{\"actorName\":\"t\",\"source\":\"api\"},"
                + "\"occurredAt\":\"2026-11-01T10:15:30.000000Z\",\"payload\":{\"z\":1},\"position\":7,"
                + "\"recordedAt\":\"2026-11-02T00:00:00.123456Z\",\"revision\":1,\"sequence\":0,\"txId\":99,"
                + "\"type\":\"ProxmoxTaskStarted\"}");
        assertThat(hasher.hash(event, EventHasher.FORM_WITH_TX)).isNotEqualTo(hasher.hash(event))
                .isNotEqualTo(hasher.hash(new StoredEvent(7, event.id(), event.aggregate(), 0, event.type(), 1,
                        event.payload(), event.metadata(), event.occurredAt(), event.recordedAt(), 100),
                        EventHasher.FORM_WITH_TX));
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

    @Test
    void givenRandomEvents_whenWritten_thenTheBytesOfAJsonGeneratorWithSortedKeys() throws Exception {
        java.util.Random random = new java.util.Random(28);
        JsonNode shared = EXACT.readTree("{\"source\":\"task-index\",\"actorName\":\"ingest\",\"requestId\":\"r-1\"}");
        for (int i = 0; i < 3_000; i++) {
            JsonNode metadata = i % 3 == 0 ? randomValue(random, 2, true) : shared;
            StoredEvent event = new StoredEvent(i, UUID.randomUUID(),
                    new AggregateRef("ProxmoxTask", "t" + randomString(random)), random.nextInt(1000), randomString(random),
                    1 + random.nextInt(3), randomValue(random, 4, true), metadata,
                    Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000)),
                    Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000)), 99);

            byte[] expected = generatorCanonical(event);

            assertThat(hasher.canonical(event)).as("event %d", i).isEqualTo(expected);
            assertThat(hasher.hash(event)).isEqualTo(java.security.MessageDigest.getInstance("SHA-256").digest(expected));
        }
    }

    @Test
    void givenSurrogates_whenWritten_thenEachEscapedAsAJsonGeneratorDoes() throws Exception {
        StoredEvent event = event("{\"a\":\"x\"}", Instant.EPOCH).withPayload(1,
                EXACT.createObjectNode().put("a", "\ud800x\ud83d\ude00"));

        assertThat(new String(hasher.canonical(event), StandardCharsets.UTF_8))
                .contains("\"payload\":{\"a\":\"\\uD800x\\uD83D\\uDE00\"}");
        assertThat(hasher.canonical(event)).isEqualTo(generatorCanonical(event));
    }

    @Test
    void givenALargeEventBetweenSmallOnes_whenHashedOnOneThread_thenEachAsTheGeneratorWritesIt() throws Exception {
        StoredEvent small = event("{\"note\":\"small\"}", Instant.EPOCH);
        StoredEvent large = small.withPayload(1, EXACT.createObjectNode().put("note", "x".repeat(200_000)));
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");

        for (StoredEvent event : List.of(small, large, small, large, small)) {
            assertThat(hasher.hash(event)).isEqualTo(sha.digest(generatorCanonical(event)));
            assertThat(hasher.canonical(event)).isEqualTo(generatorCanonical(event));
        }
    }

    /** The oracle: Jackson's own generator (default features) writing the same fields with sorted keys. */
    private static byte[] generatorCanonical(StoredEvent event) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (com.fasterxml.jackson.core.JsonGenerator json = new com.fasterxml.jackson.core.JsonFactory()
                .createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("aggregateId", event.aggregate().id());
            json.writeStringField("aggregateType", event.aggregate().type());
            json.writeStringField("id", event.id().toString());
            json.writeFieldName("metadata");
            generatorValue(json, event.metadata());
            json.writeStringField("occurredAt", IsoInstants.formatMicros(event.occurredAt()));
            json.writeFieldName("payload");
            generatorValue(json, event.payload());
            json.writeStringField("recordedAt", IsoInstants.formatMicros(event.recordedAt()));
            json.writeNumberField("revision", event.revision());
            json.writeNumberField("sequence", event.sequence());
            json.writeStringField("type", event.type());
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void generatorValue(com.fasterxml.jackson.core.JsonGenerator json, JsonNode node) throws Exception {
        if (node.isObject()) {
            java.util.List<String> names = new java.util.ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            java.util.Collections.sort(names);
            json.writeStartObject();
            for (String name : names) {
                json.writeFieldName(name);
                generatorValue(json, node.get(name));
            }
            json.writeEndObject();
        } else if (node.isArray()) {
            json.writeStartArray();
            for (JsonNode element : node) {
                generatorValue(json, element);
            }
            json.writeEndArray();
        } else if (node.isNull()) {
            json.writeNull();
        } else if (node.isIntegralNumber()) {
            json.writeNumber(node.canConvertToLong() ? Long.toString(node.longValue()) : node.bigIntegerValue().toString());
        } else if (node.isNumber()) {
            json.writeNumber(node.decimalValue().stripTrailingZeros().toPlainString());
        } else if (node.isBoolean()) {
            json.writeBoolean(node.booleanValue());
        } else {
            json.writeString(node.asText());
        }
    }

    /** A random value as stored JSON parses: objects, arrays, strings of every kind of character, numbers. */
    private static JsonNode randomValue(java.util.Random random, int depth, boolean object) throws Exception {
        if (object || depth > 0 && random.nextInt(4) == 0) {
            com.fasterxml.jackson.databind.node.ObjectNode node = EXACT.createObjectNode();
            int fields = random.nextInt(object ? 9 : 4);
            for (int f = 0; f < fields; f++) {
                node.set(randomString(random), randomValue(random, depth - 1, false));
            }
            return node;
        }
        if (depth > 0 && random.nextInt(5) == 0) {
            com.fasterxml.jackson.databind.node.ArrayNode node = EXACT.createArrayNode();
            for (int e = random.nextInt(4); e > 0; e--) {
                node.add(randomValue(random, depth - 1, false));
            }
            return node;
        }
        return switch (random.nextInt(7)) {
            case 0 -> EXACT.readTree(Long.toString(random.nextLong()));
            case 1 -> EXACT.readTree(new java.math.BigDecimal(java.math.BigInteger.valueOf(random.nextLong()),
                    random.nextInt(12) - 4).toString());
            case 2 -> EXACT.readTree("123456789012345678901234567890");
            case 3 -> EXACT.getNodeFactory().booleanNode(random.nextBoolean());
            case 4 -> EXACT.getNodeFactory().nullNode();
            default -> EXACT.getNodeFactory().textNode(randomString(random));
        };
    }

    private static String randomString(java.util.Random random) {
        StringBuilder text = new StringBuilder();
        for (int c = random.nextInt(24); c > 0; c--) {
            switch (random.nextInt(7)) {
                case 0 -> text.append((char) random.nextInt(0x20));
                case 1 -> text.append("\"\\/\u007f".charAt(random.nextInt(4)));
                case 2 -> text.append((char) (0x80 + random.nextInt(0x780)));
                case 3 -> text.append((char) (0x800 + random.nextInt(0xD000 - 0x800)));
                case 4 -> text.appendCodePoint(0x10000 + random.nextInt(0x100000 - 0x10000));
                case 5 -> text.append((char) (0xD800 + random.nextInt(0x800)));
                default -> text.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        return text.toString();
    }

    private static StoredEvent event(String payload, Instant occurredAt) throws Exception {
        JsonNode metadata = EXACT.readTree("{\"source\":\"api\",\"actorName\":\"t\"}");
        return new StoredEvent(7, ID, new AggregateRef("ProxmoxTask", "lab/UPID:1"), 0, "ProxmoxTaskStarted", 1,
                EXACT.readTree(payload), metadata, occurredAt, Instant.parse("2026-11-02T00:00:00.123456789Z"), 99);
    }
}
