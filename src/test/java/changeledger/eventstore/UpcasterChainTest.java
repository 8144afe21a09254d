package changeledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UpcasterChainTest {

    private static Upcaster renaming(String type, int from, String oldField, String newField) {
        return new Upcaster() {
            @Override
            public String eventType() {
                return type;
            }

            @Override
            public int fromRevision() {
                return from;
            }

            @Override
            public JsonNode upcast(JsonNode payload, StoredEvent event) {
                ObjectNode copy = payload.deepCopy();
                copy.set(newField, copy.remove(oldField));
                return copy;
            }
        };
    }

    private static StoredEvent stored(String type, int revision, ObjectNode payload) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        return new StoredEvent(7, UUID.randomUUID(), new AggregateRef("T", "t"), 0, type, revision, payload,
                JsonNodeFactory.instance.objectNode(), at, at, 1);
    }

    @Test
    void givenRevisionOne_whenTwoUpcastersChain_thenPayloadReachesRevisionThree() {
        UpcasterChain chain = new UpcasterChain(List.of(renaming("E", 2, "b", "c"), renaming("E", 1, "a", "b")));
        StoredEvent old = stored("E", 1, JsonNodeFactory.instance.objectNode().put("a", "x"));

        StoredEvent current = chain.upcast(old);

        assertThat(current.revision()).isEqualTo(3);
        assertThat(current.payload().get("c").asText()).isEqualTo("x");
        assertThat(old.payload().has("a")).as("the stored payload is not modified").isTrue();
    }

    @Test
    void givenOtherType_whenUpcasting_thenUnchanged() {
        UpcasterChain chain = new UpcasterChain(List.of(renaming("E", 1, "a", "b")));
        StoredEvent other = stored("F", 1, JsonNodeFactory.instance.objectNode().put("a", "x"));

        assertThat(chain.upcast(other)).isSameAs(other);
    }

    @Test
    void givenTwoUpcastersForOneRevision_thenRefused() {
        assertThatThrownBy(() -> new UpcasterChain(List.of(renaming("E", 1, "a", "b"), renaming("E", 1, "a", "c"))))
                .isInstanceOf(IllegalStateException.class);
    }
}
