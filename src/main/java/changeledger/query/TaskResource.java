package changeledger.query;

import static changeledger.api.QueryParameters.text;

import changeledger.api.QueryParameters;
import changeledger.api.TimeConfig;
import changeledger.api.TimeRange;
import changeledger.domain.ProblemException;
import changeledger.host.HostAccess;
import changeledger.projection.GuestHistory;
import changeledger.projection.Guests;
import changeledger.projection.TaskFilter;
import changeledger.projection.TaskRow;
import changeledger.projection.TaskViewRepository;
import changeledger.security.Role;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/v1/hosts/{id}/tasks}: the host's Proxmox tasks, one row per task, in start order (the UPID breaking
 * ties), filtered and paged by keyset: {@code next} is the last item's UPID, the {@code after} of the next page.
 */
@Path("/api/v1/hosts/{id}/tasks")
public class TaskResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    private static final Set<String> PARAMETERS = Set.of("type", "class", "status", "guest", "user", "from", "to",
            "after", "limit");
    private static final List<String> CLASSES = List.of("change", "disruptive", "start", "routine", "access",
            "unknown");
    private static final List<String> STATUSES = List.of("ok", "failed", "running");

    private final TaskViewRepository tasks;
    private final HostAccess access;
    private final TimeConfig time;
    private final Guests guests;

    /** Wires the resource. */
    public TaskResource(TaskViewRepository tasks, HostAccess access, TimeConfig time, Guests guests) {
        this.tasks = tasks;
        this.access = access;
        this.time = time;
        this.guests = guests;
    }

    /** A page: {@code {items, next}}, and a {@code Link: rel="next"} header when more may follow. */
    @GET
    @RolesAllowed(Role.READ)
    @Produces(MediaType.APPLICATION_JSON)
    public Response tasks(@PathParam("id") String hostId, @Context UriInfo uri) {
        access.visible(hostId);
        MultivaluedMap<String, String> parameters = uri.getQueryParameters();
        QueryParameters.requireKnown(parameters, PARAMETERS);
        TaskFilter filter = filter(hostId, parameters);
        int limit = (int) QueryParameters.wholeNumber(parameters, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        String after = text(parameters, "after");
        Instant afterStart = after == null ? null : tasks.startOf(hostId, after).orElseThrow(() ->
                ProblemException.badRequest("'after' is '" + after + "', which is no task of host '" + hostId
                        + "': pass the 'next' value of the previous page, or leave 'after' out to start at the first."));
        List<TaskRow> rows = tasks.page(filter, afterStart, after, limit + 1);
        boolean more = rows.size() > limit;
        Instant now = Instant.now();
        List<TaskView> items = new ArrayList<>(Math.min(rows.size(), limit));
        GuestHistory names = guests.of(hostId);
        for (TaskRow row : more ? rows.subList(0, limit) : rows) {
            items.add(TaskView.of(row, now, names));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        Response.ResponseBuilder response = Response.ok(body, MediaType.APPLICATION_JSON_TYPE);
        if (more) {
            String next = items.get(items.size() - 1).upid();
            body.put("next", next);
            URI link = uri.getRequestUriBuilder().replaceQueryParam("after", next).build();
            response.header("Link", "<" + link.getRawPath() + "?" + link.getRawQuery() + ">; rel=\"next\"");
        }
        return response.build();
    }

    private TaskFilter filter(String hostId, MultivaluedMap<String, String> parameters) {
        String taskClass = oneOf(parameters, "class", CLASSES);
        String status = oneOf(parameters, "status", STATUSES);
        TimeRange range = TimeRange.parse(text(parameters, "from"), text(parameters, "to"), time.timeZone());
        return new TaskFilter(hostId, text(parameters, "type"), taskClass, status, text(parameters, "guest"),
                text(parameters, "user"), range.from(), range.to());
    }

    private static String oneOf(MultivaluedMap<String, String> parameters, String name, List<String> allowed) {
        String value = text(parameters, name);
        if (value != null && !allowed.contains(value)) {
            throw ProblemException.badRequest("'" + name + "' is '" + value + "': use one of " + allowed + ".");
        }
        return value;
    }
}
