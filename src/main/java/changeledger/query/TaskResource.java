package changeledger.query;

import static changeledger.api.QueryParameters.text;

import changeledger.api.ApiDocument;
import changeledger.api.NextPage;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /api/v1/hosts/{id}/tasks}: the host's Proxmox tasks, one row per task, in start order (the UPID breaking
 * ties), filtered and paged by keyset: {@code next} is the last item's UPID, the {@code after} of the next page. A
 * replication run is a row of type {@code replication} keyed {@code <jobId>@<last_try>} (ADR 0066).
 */
@Path("/api/v1/hosts/{id}/tasks")
@APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
@APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
public class TaskResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

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

    /**
     * A page of tasks.
     *
     * @param items the tasks, in start order
     * @param next  the {@code after} of the next page (the last item's UPID); absent on the last page
     */
    public record TaskPage(List<TaskView> items, @JsonInclude(JsonInclude.Include.NON_NULL) String next) {
    }

    /**
     * The query of a page as it arrives, unparsed (the dashboard builds one to read a page in-process).
     *
     * @param type      the task type, or null
     * @param taskClass the class, or null
     * @param status    {@code ok}, {@code failed} or {@code running}, or null
     * @param guest     the guest id, or null
     * @param user      the user or API token that started the task, or null
     * @param from      an instant or date, or null
     * @param to        an instant or date, or null
     * @param after     the UPID to continue after, or null
     * @param limit     the page size, or null
     */
    public record TaskQuery(String type, String taskClass, String status, String guest, String user, String from,
                            String to, String after, String limit) {
    }

    /** A page: {@code {items, next}}, and a {@code Link: rel="next"} header when more may follow. */
    @GET
    @RolesAllowed(Role.READ)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "A page (next absent on the last)",
            headers = @Header(name = "Link", description = "<...?after=next>; rel=\"next\" while more may follow",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TaskPage.class)))
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public Response tasks(@PathParam("id") String hostId,
                          @QueryParam("type") @Parameter(description = "Only tasks of this Proxmox task type, e.g. "
                                  + "qmstart; replication: the storage replication runs (ADR 0066)") String type,
                          @QueryParam("class") @Parameter(description = "Only tasks of this class",
                                  schema = @Schema(type = SchemaType.STRING, enumeration = {"change", "disruptive",
                                      "start", "routine", "access", "unknown"})) String taskClass,
                          @QueryParam("status") @Parameter(description = "Only tasks with this status",
                                  schema = @Schema(type = SchemaType.STRING, enumeration = {"ok", "failed",
                                      "running"})) String status,
                          @QueryParam("guest") @Parameter(description = "Only tasks of this guest id (raw text, "
                                  + "e.g. 101)") String guest,
                          @QueryParam("user") @Parameter(description = "Only tasks started by this Proxmox user or "
                                  + "API token, e.g. root@pam") String user,
                          @QueryParam("from") @Parameter(description = "Tasks that started at or after this "
                                  + "ISO-8601 instant or date") String from,
                          @QueryParam("to") @Parameter(description = "Tasks that started before this ISO-8601 "
                                  + "instant or date (exclusive)") String to,
                          @QueryParam("after") @Parameter(description = "Start after this task: the UPID that the "
                                  + "previous page gave as 'next'") String after,
                          @QueryParam("limit") @Parameter(description = "Tasks per page", schema = @Schema(
                                  type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100"))
                          String limit,
                          @Context UriInfo uri) {
        return page(hostId, new TaskQuery(type, taskClass, status, guest, user, from, to, after, limit), uri);
    }

    /** The page a query asks for; {@code uri} gives the path and query of the {@code Link} to the next. */
    public Response page(String hostId, TaskQuery query, UriInfo uri) {
        access.visible(hostId);
        TaskFilter filter = filter(hostId, query);
        int limit = (int) QueryParameters.wholeNumber("limit", query.limit(), DEFAULT_LIMIT, 1, MAX_LIMIT);
        String after = text(query.after());
        Instant afterStart = after == null ? null : tasks.startOf(hostId, after).orElseThrow(() ->
                ProblemException.badRequest("'after' is '" + after + "', which is no task of host '" + hostId
                        + "': pass the 'next' value of the previous page, or leave 'after' out to start at the first."));
        List<TaskRow> rows = tasks.page(filter, afterStart, after, limit + 1);
        boolean more = rows.size() > limit;
        Instant now = Instant.now();
        List<TaskView> items = new ArrayList<>(Math.min(rows.size(), limit));
        GuestHistory names = guests.of(hostId);
        for (TaskRow row : more ? rows.subList(0, limit) : rows) {
            items.add(TaskView.of(hostId, row, now, names));
        }
        String next = more ? items.get(items.size() - 1).upid() : null;
        return NextPage.of(new TaskPage(items, next), next, uri);
    }

    private TaskFilter filter(String hostId, TaskQuery query) {
        String taskClass = oneOf("class", query.taskClass(), CLASSES);
        String status = oneOf("status", query.status(), STATUSES);
        TimeRange range = TimeRange.parse(text(query.from()), text(query.to()), time.timeZone());
        return new TaskFilter(hostId, text(query.type()), taskClass, status, text(query.guest()),
                text(query.user()), range.from(), range.to());
    }

    private static String oneOf(String name, String given, List<String> allowed) {
        String value = text(given);
        if (value != null && !allowed.contains(value)) {
            throw ProblemException.badRequest("'" + name + "' is '" + value + "': use one of " + allowed + ".");
        }
        return value;
    }
}
