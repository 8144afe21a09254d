package changeledger.projection;

import changeledger.eventstore.StoredEvent;
import changeledger.ingestion.ProxmoxTaskFinished;
import changeledger.processing.GenerationalReadModel;
import changeledger.processing.ProcessingBatch;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Feeds guest identity and names ({@link GuestHistory}): a row for every configuration baseline or drift of a guest
 * (its name and creation time then, or that it went away), every create or restore task that ended OK (another guest
 * may now hold the VMID), every destroy task and every migration task ({@link Migrations}) that ended OK. Replayable.
 */
@ApplicationScoped
public class GuestProjection extends GenerationalReadModel {

    /** The processor's name. */
    public static final String NAME = "guests";

    /** Tasks after which the VMID holds a new guest (a clone task names its source, not the new VMID). */
    static final Set<String> CREATING = Set.of("qmcreate", "vzcreate", "qmrestore", "vzrestore");
    /** Tasks after which the VMID holds no guest. */
    static final Set<String> DESTROYING = Set.of("qmdestroy", "vzdestroy");

    private final GuestRepository repository;

    /** Wires the projection. */
    public GuestProjection(GuestRepository repository) {
        this.repository = repository;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void handle(ProcessingBatch batch) throws Exception {
        List<GuestSighting> sightings = new ArrayList<>();
        for (StoredEvent event : batch.events()) {
            GuestSighting sighting = sighting(event);
            if (sighting != null) {
                sightings.add(sighting);
            }
        }
        repository.insert(batch.connection(), batch.generation(), sightings);
    }

    @Override
    protected void deleteGeneration(Connection connection, int generation) throws Exception {
        repository.deleteGeneration(connection, generation);
    }

    /** What an event says of a guest, or null. */
    static GuestSighting sighting(StoredEvent event) {
        JsonNode payload = event.payload();
        String type = event.type();
        if (ObservedTarget.CONFIG_BASELINE_RECORDED.equals(type) || ObservedTarget.CONFIG_DRIFT_OBSERVED.equals(type)) {
            String guest = text(payload, "guest");
            if (guest == null) {
                return null;
            }
            boolean gone = payload.path("gone").asBoolean(false);
            String created = text(payload, "guestCreated");
            return new GuestSighting(event.position(), text(payload, "hostId"), guest,
                    gone ? GuestSighting.Kind.DESTROYED : GuestSighting.Kind.CONFIG, event.occurredAt(),
                    text(payload, "guestName"), created == null ? null : Instant.parse(created));
        }
        if (ProxmoxTaskFinished.TYPE.equals(type) && !payload.path("failed").asBoolean(true)) {
            String taskType = text(payload, "type");
            String guest = text(payload, "guestId");
            String hostId = text(payload, "hostId");
            if (guest == null || hostId == null || !changeledger.host.ChangeTarget.isGuest(guest)) {
                return null;
            }
            if (CREATING.contains(taskType)) {
                return new GuestSighting(event.position(), hostId, guest, GuestSighting.Kind.CREATED,
                        Instant.parse(payload.path("endTime").asText()), null, null);
            }
            if (Migrations.GUEST_MIGRATIONS.contains(taskType)) {
                return new GuestSighting(event.position(), hostId, guest, GuestSighting.Kind.MIGRATED,
                        Instant.parse(payload.path("endTime").asText()), null, null);
            }
            if (DESTROYING.contains(taskType)) {
                return new GuestSighting(event.position(), hostId, guest, GuestSighting.Kind.DESTROYED,
                        Instant.parse(payload.path("endTime").asText()), null, null);
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }
}
