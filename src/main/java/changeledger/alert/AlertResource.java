package changeledger.alert;

import changeledger.alert.AlertEvent.AlertRaised;
import changeledger.api.ApiDocument;
import changeledger.api.NextPage;
import changeledger.api.QueryParameters;
import changeledger.host.HostAccess;
import changeledger.security.Caller;
import changeledger.security.CurrentRequest;
import changeledger.security.Role;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /api/v1/alerts}: the alerts raised, with their deliveries, limited to the hosts the key may read;
 * {@code POST /api/v1/alerts/test}: one test message to each configured target, now.
 */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
@APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
public class AlertResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    /**
     * A page of alerts.
     *
     * @param items the alerts in the order they were raised
     * @param next  the {@code after} of the next page; absent on the last page
     */
    public record AlertPage(List<AlertReads.AlertView> items, @JsonInclude(JsonInclude.Include.NON_NULL) Long next) {
    }

    /** What each target did with the test message: {@code error} absent when it took it. */
    public record TestResult(String target, String type, boolean delivered,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String error) {
    }

    /** The test's outcome per target. */
    public record TestResults(List<TestResult> items) {
    }

    private final AlertReads reads;
    private final AlertSettings settings;
    private final AlertDeliverer deliverer;
    private final HostAccess access;
    private final CurrentRequest request;

    /** Wires the resource. */
    public AlertResource(AlertReads reads, AlertSettings settings, AlertDeliverer deliverer, HostAccess access,
                         CurrentRequest request) {
        this.reads = reads;
        this.settings = settings;
        this.deliverer = deliverer;
        this.access = access;
        this.request = request;
    }

    /** One page of alerts. */
    @GET
    @RolesAllowed(Role.READ)
    @APIResponse(responseCode = "200", description = "A page (next absent on the last)",
            headers = @Header(name = "Link", description = "<...?after=next>; rel=\"next\" while more may follow",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AlertPage.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public Response list(@QueryParam("host") @Parameter(description = "Only alerts of this host id") String host,
                         @QueryParam("after") @Parameter(description = "Start after this alert (the 'next' of the "
                                 + "previous page); 0 or absent: from the first", schema = @Schema(
                                 type = SchemaType.INTEGER, format = "int64", minimum = "0")) String afterSeq,
                         @QueryParam("limit") @Parameter(description = "Alerts per page", schema = @Schema(
                                 type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100"))
                         String limitCount,
                         @Context UriInfo uri) {
        String hostId = QueryParameters.text(host);
        if (hostId != null) {
            access.visible(hostId);
        }
        long after = QueryParameters.wholeNumber("after", afterSeq, 0, 0, Long.MAX_VALUE);
        int limit = (int) QueryParameters.wholeNumber("limit", limitCount, DEFAULT_LIMIT, 1, MAX_LIMIT);
        Caller caller = request.caller();
        List<AlertReads.AlertView> rows = reads.page(hostId, caller.hostLimited() ? caller.hosts() : null, after,
                limit + 1);
        boolean more = rows.size() > limit;
        List<AlertReads.AlertView> shown = more ? rows.subList(0, limit) : rows;
        Long next = more ? shown.get(shown.size() - 1).seq() : null;
        return NextPage.of(new AlertPage(shown, next), next, uri);
    }

    /** Sends one test message to each target and says what each did; records nothing. */
    @POST
    @Path("/test")
    @RolesAllowed(Role.ADMINISTER)
    @APIResponse(responseCode = "200", description = "What each target did with the test message",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TestResults.class)))
    public TestResults test() {
        request.requireAllHosts("sending test alerts");
        List<TestResult> results = new ArrayList<>();
        settings.targets().values().stream().sorted(java.util.Comparator.comparing(AlertTarget::name))
                .forEach(target -> {
                    AlertRaised message = new AlertRaised(UUID.randomUUID().toString(), "test", "test", null,
                            Instant.now(), "changeledger test alert", "A test message from changeledger to target '"
                            + target.name() + "': alerts reach it.", null, List.of(), List.of(target.name()));
                    String error = deliverer.send(target.name(), message);
                    results.add(new TestResult(target.name(), target.type().name().toLowerCase(), error == null,
                            error));
                });
        return new TestResults(results);
    }
}
