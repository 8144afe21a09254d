package changeledger.journal;

import changeledger.api.ApiDocument;
import changeledger.domain.ProblemException;
import changeledger.host.ChangeTarget;
import changeledger.host.HostAccess;
import changeledger.journal.ManualEntryEvent.Disruption;
import changeledger.security.CurrentRequest;
import changeledger.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code /api/v1/hosts/{id}/entries}: record manual entries, read one, retract one. */
@Path("/api/v1/hosts/{id}/entries")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
@APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
public class ManualEntryResource {

    /** How far ahead of the service's clock an entry's times may lie (clock skew between a laptop and the server). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    static final int MAX_SUMMARY = 200;
    static final int MAX_DETAILS = 20_000;

    /** Body of a new entry. */
    public record RecordEntryBody(EntryKind kind, String summary, String details, Instant occurredAt, String target,
                                  Disruption disruption, String changeRequestId) {
    }

    /** Body of a retraction. */
    public record RetractBody(String reason) {
    }

    private final JournalService journal;
    private final HostAccess access;
    private final CurrentRequest request;

    /** Wires the resource. */
    public ManualEntryResource(JournalService journal, HostAccess access, CurrentRequest request) {
        this.journal = journal;
        this.access = access;
        this.request = request;
    }

    /** Records an entry about the host. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.SUBMIT)
    @APIResponse(responseCode = "201", description = "Recorded; Location names the entry",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ManualEntryView.class)))
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocument.UNSUPPORTED_TYPE)
    public Response record(@PathParam("id") String hostId, RecordEntryBody body) {
        access.visible(hostId);
        ManualEntryCommand.RecordEntry command = validate(hostId, body, Instant.now());
        ManualEntryView entry = journal.handle(command, request.metadata("manual"));
        return Response.created(URI.create("/api/v1/hosts/" + hostId + "/entries/" + entry.id())).entity(entry).build();
    }

    /** One entry. */
    @GET
    @Path("/{entryId}")
    @RolesAllowed(Role.READ)
    @APIResponse(responseCode = "200", description = "The entry")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public ManualEntryView get(@PathParam("id") String hostId, @PathParam("entryId") String entryId) {
        access.visible(hostId);
        return journal.find(hostId, entryId).orElseThrow(() -> ProblemException.notFound("Host '" + hostId
                + "' has no entry '" + entryId + "'."));
    }

    /** Retracts an entry: it stays in the log, marked, and stops counting. */
    @POST
    @Path("/{entryId}/retract")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.SUBMIT)
    @APIResponse(responseCode = "200", description = "The entry, now retracted")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocument.UNSUPPORTED_TYPE)
    public ManualEntryView retract(@PathParam("id") String hostId, @PathParam("entryId") String entryId,
                                   RetractBody body) {
        access.visible(hostId);
        if (body == null || body.reason() == null || body.reason().isBlank() || body.reason().length() > MAX_SUMMARY) {
            throw ProblemException.badRequest("Send {\"reason\": \"...\"}: why the entry is wrong, 1 to " + MAX_SUMMARY
                    + " characters. Entries are never edited; record a corrected one after retracting.");
        }
        return journal.handle(new ManualEntryCommand.RetractEntry(hostId, entryId, body.reason().trim()),
                request.metadata("manual"));
    }

    /** A retire entry names a guest and ends its window at {@code occurredAt}; it declares no window of its own. */
    private static void requireRetirable(RecordEntryBody body) {
        if (body.target() == null || !ChangeTarget.isGuest(body.target())) {
            throw ProblemException.badRequest("A 'retire' entry needs 'target': the id of the guest taken out of "
                    + "service, e.g. \"101\"" + (body.target() == null ? "" : ", not '" + body.target() + "'")
                    + "; its open disruption window ends at 'occurredAt'.");
        }
        if (body.disruption() != null) {
            throw ProblemException.badRequest("A 'retire' entry ends the guest's open window at 'occurredAt'; send "
                    + "no 'disruption' with it (record a maintenance entry for a window of its own).");
        }
    }

    static ManualEntryCommand.RecordEntry validate(String hostId, RecordEntryBody body, Instant now) {
        if (body == null) {
            throw ProblemException.badRequest("Send {\"kind\", \"summary\", \"occurredAt\"} (and optionally \"details\", "
                    + "\"target\", \"disruption\": {\"start\", \"end\"}, \"changeRequestId\") as JSON.");
        }
        if (body.kind() == null) {
            throw ProblemException.badRequest("Field 'kind' is required: change, incident, maintenance, note or retire.");
        }
        if (body.summary() == null || body.summary().isBlank() || body.summary().length() > MAX_SUMMARY) {
            throw ProblemException.badRequest("Field 'summary' must be 1 to " + MAX_SUMMARY + " characters.");
        }
        if (body.details() != null && body.details().length() > MAX_DETAILS) {
            throw ProblemException.badRequest("Field 'details' is longer than " + MAX_DETAILS + " characters.");
        }
        Instant latest = now.plus(CLOCK_SKEW);
        if (body.occurredAt() == null || body.occurredAt().isAfter(latest)) {
            throw ProblemException.badRequest("Field 'occurredAt' must be the instant it happened (ISO-8601, e.g. "
                    + "2026-11-02T14:30:00Z), not in the future.");
        }
        String target = body.target() == null ? ChangeTarget.NODE : ChangeTarget.require("target", body.target());
        Disruption disruption = body.disruption();
        if (body.kind() == EntryKind.RETIRE) {
            requireRetirable(body);
        }
        if (disruption != null) {
            if (disruption.start() == null || disruption.end() == null || !disruption.start().isBefore(disruption.end())
                    || disruption.end().isAfter(latest)) {
                throw ProblemException.badRequest("Field 'disruption' must be {\"start\", \"end\"} with start before end "
                        + "and neither in the future.");
            }
        }
        String changeRequestId = body.changeRequestId();
        if (changeRequestId != null && (changeRequestId.isBlank() || changeRequestId.length() > 100)) {
            throw ProblemException.badRequest("Field 'changeRequestId' must be the id of a change request.");
        }
        return new ManualEntryCommand.RecordEntry(hostId, JournalService.newEntryId(), body.kind(), body.summary().trim(),
                body.details(), body.occurredAt(), target, disruption, changeRequestId);
    }
}
