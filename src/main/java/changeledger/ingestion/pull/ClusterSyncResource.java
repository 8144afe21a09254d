package changeledger.ingestion.pull;

import changeledger.api.ApiDocument;
import changeledger.host.Host;
import changeledger.host.HostAccess;
import changeledger.host.HostView;
import changeledger.security.CurrentRequest;
import changeledger.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /api/v1/clusters/{name}/sync}: pull a whole cluster through its one API now (POST), or read how its last pull
 * went (GET). Both need a key that covers every member host of the cluster.
 */
@Path("/api/v1/clusters/{name}/sync")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
@APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
public class ClusterSyncResource {

    /**
     * A cluster's pull state.
     *
     * @param cluster     the cluster
     * @param configured  whether it has a Proxmox API configured
     * @param answeredBy  the address that answered its last sync, or null
     * @param lastAttempt when a sync last ran, or null
     * @param lastSuccess when a sync last got an answer, or null
     * @param lastError   the last failure of the whole sync, or null
     * @param lastErrorAt when that happened, or null
     * @param problems    what the last sync could not do (addresses down, members unread, nodes that are no members)
     * @param members     each member host's own pull state
     */
    public record ClusterSyncView(String cluster, boolean configured, String answeredBy, Instant lastAttempt,
                                  Instant lastSuccess, String lastError, Instant lastErrorAt, List<String> problems,
                                  List<MemberView> members) {
    }

    /**
     * A member's pull state.
     *
     * @param hostId the member host
     * @param node   its node
     * @param sync   its last outcome
     */
    public record MemberView(String hostId, String node, HostView.Sync sync) {
    }

    private final ClusterSyncService sync;
    private final HostSyncStatusProvider status;
    private final HostAccess access;
    private final CurrentRequest request;

    /** Wires the resource. */
    public ClusterSyncResource(ClusterSyncService sync, HostSyncStatusProvider status, HostAccess access,
                               CurrentRequest request) {
        this.sync = sync;
        this.status = status;
        this.access = access;
        this.request = request;
    }

    /** Syncs now and answers what was read and stored; 502 with the reason when no address answers. */
    @POST
    @RolesAllowed(Role.ADMINISTER)
    @APIResponse(responseCode = "200", description = "What the pull read and stored, per member host")
    @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
    @APIResponse(responseCode = "502", ref = ApiDocument.BAD_GATEWAY)
    public ClusterSyncService.ClusterSyncOutcome syncNow(@PathParam("name") String name) {
        request.requireAllHosts("syncing a cluster");
        return sync.sync(name, request.metadata("sync"));
    }

    /** How the cluster's last pull went, and each member's. */
    @GET
    @RolesAllowed(Role.READ)
    @Transactional(Transactional.TxType.SUPPORTS)
    @APIResponse(responseCode = "200", description = "The cluster's pull state")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public ClusterSyncView state(@PathParam("name") String name) {
        List<Host> members = sync.members(name);
        members.forEach(member -> access.visible(member.id()));
        boolean configured = sync.configuredClusters().contains(name);
        ClusterSyncReadModel model = ClusterSyncReadModel.findById(name);
        if (!configured && model == null && members.isEmpty()) {
            throw new ClusterNotFoundException(name);
        }
        List<MemberView> views = members.stream()
                .map(member -> new MemberView(member.id(), member.node(), status.of(member.id()))).toList();
        if (model == null) {
            return new ClusterSyncView(name, configured, null, null, null, null, null, List.of(), views);
        }
        return new ClusterSyncView(name, configured, model.answeredBy, model.lastAttemptAt, model.lastSuccessAt,
                model.lastError, model.lastErrorAt, model.problems == null ? List.of() : model.problems, views);
    }
}
