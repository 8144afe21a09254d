package changeledger.journal;

import static changeledger.api.QueryParameters.text;

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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /api/v1/hosts/{id}/entries}: the host's manual entries in the order they were recorded, retracted ones
 * with their retraction; filters {@code kind, from, to} (on {@code occurredAt}), keyset pages as the audit query's.
 */
@Path("/api/v1/hosts/{id}/entries")
public class ManualEntryListResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;
    private static final Set<String> PARAMETERS = Set.of("kind", "from", "to", "after", "limit");

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
    public Response list(@PathParam("id") String hostId, @Context UriInfo uri) {
        access.visible(hostId);
        MultivaluedMap<String, String> parameters = uri.getQueryParameters();
        QueryParameters.requireKnown(parameters, PARAMETERS);
        EntryKind kind = kind(text(parameters, "kind"));
        TimeRange range = TimeRange.parse(text(parameters, "from"), text(parameters, "to"), time.timeZone());
        long after = QueryParameters.wholeNumber(parameters, "after", 0, 0, Long.MAX_VALUE);
        int limit = (int) QueryParameters.wholeNumber(parameters, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        long txId = after == 0 ? 0 : index.txIdAt(hostId, after).orElseThrow(() -> ProblemException.badRequest(
                "'after' is " + after + ", which is not the position of an entry of host '" + hostId + "': pass the "
                        + "'next' value of the previous page, or leave 'after' out to start at the beginning."));
        List<ManualEntryIndex.Row> rows = index.page(hostId, kind, range.from(), range.to(), txId, after, limit + 1);
        boolean more = rows.size() > limit;
        List<ManualEntryIndex.Row> shown = more ? rows.subList(0, limit) : rows;
        List<ManualEntryView> items = journal.findAll(hostId, shown.stream().map(ManualEntryIndex.Row::entryId)
                .toList());
        Long next = more ? shown.get(shown.size() - 1).position() : null;
        Response.ResponseBuilder response = Response.ok(new EntryPage(items, next), MediaType.APPLICATION_JSON_TYPE);
        if (next != null) {
            URI link = uri.getRequestUriBuilder().replaceQueryParam("after", next).build();
            response.header("Link", "<" + link.getRawPath() + "?" + link.getRawQuery() + ">; rel=\"next\"");
        }
        return response.build();
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
