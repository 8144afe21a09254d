package changeledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.StoredEvent;
import changeledger.ingestion.DisruptionWindow;
import changeledger.ingestion.IngestionConfig;
import changeledger.ingestion.TaskClass;
import changeledger.ingestion.TaskClassifier;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Host, class, guest and actor of each kind of event: the one derivation every read model shares. */
class EventFactsTest {

    private static final String UPID = "UPID:pve-infra:0001A2B3:00ABCDEF:6AE53D90:qmstop:101:ops@pve!auto:";
    private static final TaskClassifier CLASSIFIER = new TaskClassifier(new IngestionConfig() {
        @Override
        public Map<String, Map<String, TaskClass>> taskClasses() {
            return Map.of("lab", Map.of("qmstop", TaskClass.ROUTINE));
        }

        @Override
        public Map<String, Map<String, DisruptionWindow>> disruptionWindows() {
            return Map.of();
        }
    });

    @Test
    void givenTaskStart_whenRead_thenHostClassGuestAndTheProxmoxUserAsActor() {
        EventFacts facts = facts("ProxmoxTask", "ProxmoxTaskStarted", payload("infra").put("type", "qmstop")
                .put("guestId", "101").put("user", "ops@pve!auto"));

        assertThat(facts).isEqualTo(new EventFacts("infra", "disruptive", "101", "ops@pve!auto", "key-1", "task-index",
                "corr-1", "qmstop 101", null, "101", false));
    }

    @Test
    void givenTaskFinish_whenRead_thenTheActorComesFromTheUpid() {
        EventFacts facts = facts("ProxmoxTask", "ProxmoxTaskFinished", payload("infra").put("type", "qmstop")
                .put("guestId", "101").put("upid", UPID).put("status", "VM quit/powerdown failed - got timeout")
                .put("failed", true));

        assertThat(facts.actor()).isEqualTo("ops@pve!auto");
        assertThat(facts.eventClass()).isEqualTo("disruptive");
        assertThat(facts.failed()).isTrue();
        assertThat(facts.summary()).isEqualTo("qmstop 101 failed: VM quit/powerdown failed - got timeout");
    }

    @Test
    void givenHostWithClassOverride_whenTaskRead_thenTheHostsTableDecides() {
        EventFacts facts = facts("ProxmoxTask", "ProxmoxTaskStarted", payload("lab").put("type", "qmstop").put("guestId", ""));

        assertThat(facts.eventClass()).isEqualTo("routine");
        assertThat(facts.guest()).isNull();
    }

    @Test
    void givenAccessLogChange_whenRead_thenClassChangeAndTheLoggedUser() {
        EventFacts facts = facts("ApiAccess", "ApiChangeObserved", payload("infra").put("guestId", "101")
                .put("user", "root@pam").put("method", "PUT").put("path", "/api2/json/nodes/pve-infra/qemu/101/config"));

        assertThat(facts.eventClass()).isEqualTo("change");
        assertThat(facts.actor()).isEqualTo("root@pam");
        assertThat(facts.summary()).isEqualTo("PUT /api2/json/nodes/pve-infra/qemu/101/config");
    }

    @Test
    void givenManualEntries_whenRead_thenOnlyChangesAreManualAndAGuestTargetIsTheGuest() {
        EventFacts change = facts("ManualEntry", "ManualEntryRecorded", payload("infra").put("kind", "change")
                .put("target", "105").put("summary", "apt full-upgrade"));
        EventFacts note = facts("ManualEntry", "ManualEntryRecorded", payload("infra").put("kind", "note")
                .put("target", "service:pveproxy"));

        assertThat(change.eventClass()).isEqualTo("manual");
        assertThat(change.guest()).isEqualTo("105");
        assertThat(change.actor()).isEqualTo("ops key");
        assertThat(change.summary()).isEqualTo("apt full-upgrade");
        assertThat(note.eventClass()).isNull();
        assertThat(note.guest()).isNull();
    }

    @Test
    void givenHostAndKeyEvents_whenRead_thenHostFromTheStreamAndNoClass() {
        EventFacts registered = facts("Host", "HostRegistered", JsonNodeFactory.instance.objectNode().put("name", "x"),
                "infra");
        EventFacts key = facts("ApiKey", "ApiKeyCreated", JsonNodeFactory.instance.objectNode().put("keyId", "k"), "k");

        assertThat(registered.hostId()).isEqualTo("infra");
        assertThat(registered.eventClass()).isNull();
        assertThat(key.hostId()).isNull();
        assertThat(key.eventClass()).isNull();
    }

    private static ObjectNode payload(String hostId) {
        return JsonNodeFactory.instance.objectNode().put("hostId", hostId);
    }

    private static EventFacts facts(String aggregateType, String type, ObjectNode payload) {
        return facts(aggregateType, type, payload, payload.path("hostId").asText() + "/x");
    }

    private static EventFacts facts(String aggregateType, String type, ObjectNode payload, String aggregateId) {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode().put("actorKeyId", "key-1").put("actorName", "ops key")
                .put("source", "task-index").put("correlationId", "corr-1");
        StoredEvent event = new StoredEvent(1, UUID.randomUUID(), new AggregateRef(aggregateType, aggregateId), 0, type, 1,
                payload, metadata, Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:01Z"), 7);
        return EventFacts.of(event, CLASSIFIER);
    }
}
