package changeledger.processing.rest;

import changeledger.processing.ProcessingRuntime;
import changeledger.processing.ProcessorStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code /api/v1/admin/processors}: the tracking processors, their lag, and replay. */
@Path("/api/v1/admin/processors")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@APIResponse(responseCode = "400", ref = "BadRequest")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "503", ref = "ServiceUnavailable")
public class ProcessorResource {

    /** One processor as the API shows it. */
    public record ProcessorView(String name, long position, long lagEvents, boolean lagEventsAtLeast,
                                double lagSeconds, String owner, int generation, boolean replaying,
                                Long replayPosition) {

        static ProcessorView of(ProcessorStatus status) {
            return new ProcessorView(status.name(), status.position(), status.lagEvents(), status.lagEventsAtLeast(),
                    status.lagSeconds(),
                    status.owner(), status.generation(), status.replaying(), status.replayPosition());
        }
    }

    /** The listing. */
    public record ProcessorList(List<ProcessorView> items) {
    }

    /** What a replay request started. */
    public record ReplayStarted(String name, int generation, String detail) {
    }

    private final ProcessingRuntime runtime;

    /** Serves the runtime's engine. */
    public ProcessorResource(ProcessingRuntime runtime) {
        this.runtime = runtime;
    }

    /** Every processor with position, lag and owner. */
    @GET
    @APIResponse(responseCode = "200", description = "Every processor with its position, lag and owner")
    public ProcessorList list() {
        return new ProcessorList(runtime.engine().statuses().stream().map(ProcessorView::of).toList());
    }

    /** Rebuilds a processor's output from the first event; readers see the old output until the switch-over. */
    @POST
    @Path("/{name}/replay")
    @APIResponse(responseCode = "202", description = "The replay started",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReplayStarted.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response replay(@PathParam("name") String name) {
        int generation = runtime.engine().requestReplay(name);
        return Response.accepted(new ReplayStarted(name, generation, "Generation " + generation + " is being built "
                + "from the first event; readers switch over to it once it has caught up.")).build();
    }
}
