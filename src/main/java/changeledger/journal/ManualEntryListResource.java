package changeledger.journal;

import static changeledger.api.QueryParameters.text;

import changeledger.api.ApiDocument;
import changeledger.api.NextPage;
import changeledger.api.QueryParameters;
import changeledger.api.TimeConfig;
import changeledger.api.TimeRange;
import changeledger.domain.ProblemException;
import changeledger.host.HostAccess;
import changeledger.security.Role;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /api/v1/hosts/{id}/entries}: the host's manual entries in the order they were recorded, retracted ones
 * with their retraction; filters {@code kind, from, to} (on {@code occurredAt}), keyset pages as the audit query's.
 */
@Path("/api/v1/hosts/{id}/entries")
@APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
@APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
public class ManualEntryListResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    /**
     * A page of entries.
     *
     * @param items the entries
     * @param next  the {@code after} of the next page (the last item's recording position); absent on the last page
     */
    public record EntryPage(List<ManualEntryView> items, @JsonInclude(JsonInclude.Include.NON_NULL) Long next) {
    }

    private final ManualEntryIndex index;
    private final JournalService journal;
    private final HostAccess access;
    private final TimeConfig time;

    /** Wires the resource. */
    public ManualEntryListResource(ManualEntryIndex index, JournalService journal, HostAccess access,
                                   TimeConfig time) {
        this.index = index;
        this.journal = journal;
        this.access = access;
        this.time = time;
    }

    /** One page of the host's entries. */
    @GET
    @RolesAllowed(Role.READ)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "A page (next absent on the last)",
            headers = @Header(name = "Link", description = "<...?after=next>; rel=\"next\" while more may follow",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = EntryPage.class)))
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public Response list(@PathParam("id") String hostId,
                         @QueryParam("kind") @Parameter(description = "Only entries of this kind",
                                 schema = @Schema(type = SchemaType.STRING, enumeration = {"change", "incident",
                                     "maintenance", "note", "retire"})) String kindName,
                         @QueryParam("from") @Parameter(description = "Entries that occurred at or after this "
                                 + "ISO-8601 instant or date") String from,
                         @QueryParam("to") @Parameter(description = "Entries that occurred before this ISO-8601 "
                                 + "instant or date (exclusive)") String to,
                         @QueryParam("after") @Parameter(description = "Start after this position (the 'next' of "
                                 + "the previous page); 0 or absent: from the first", schema = @Schema(
                                 type = SchemaType.INTEGER, format = "int64", minimum = "0")) String afterPosition,
                         @QueryParam("limit") @Parameter(description = "Entries per page", schema = @Schema(
                                 type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100"))
                         String limitCount,
                         @Context UriInfo uri) {
        access.visible(hostId);
        EntryKind kind = kind(text(kindName));
        TimeRange range = TimeRange.parse(text(from), text(to), time.timeZone());
        long after = QueryParameters.wholeNumber("after", afterPosition, 0, 0, Long.MAX_VALUE);
        int limit = (int) QueryParameters.wholeNumber("limit", limitCount, DEFAULT_LIMIT, 1, MAX_LIMIT);
        long txId = after == 0 ? 0 : index.txIdAt(hostId, after).orElseThrow(() -> ProblemException.badRequest(
                "'after' is " + after + ", which is not the position of an entry of host '" + hostId + "': pass the "
                        + "'next' value of the previous page, or leave 'after' out to start at the beginning."));
        List<ManualEntryIndex.Row> rows = index.page(hostId, kind, range.from(), range.to(), txId, after, limit + 1);
        boolean more = rows.size() > limit;
        List<ManualEntryIndex.Row> shown = more ? rows.subList(0, limit) : rows;
        List<ManualEntryView> items = journal.findAll(hostId, shown.stream().map(ManualEntryIndex.Row::entryId)
                .toList());
        Long next = more ? shown.get(shown.size() - 1).position() : null;
        return NextPage.of(new EntryPage(items, next), next, uri);
    }

    private static EntryKind kind(String value) {
        if (value == null) {
            return null;
        }
        try {
            return EntryKind.fromWire(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("'kind' is '" + value + "': use one of " + Arrays.stream(
                    EntryKind.values()).map(EntryKind::wireName).toList() + ".");
        }
    }
}
