package changeledger.ingestion.rest;

import changeledger.api.ApiDocument;
import changeledger.api.DatabaseFaults;
import changeledger.api.LimitsConfig;
import changeledger.api.RequestBody;
import changeledger.evidence.EvidenceSource;
import changeledger.evidence.SignsOfLife;
import changeledger.host.Host;
import changeledger.host.HostAccess;
import changeledger.ingestion.AccessLogIngestionService;
import changeledger.ingestion.JournalIngestionService;
import changeledger.ingestion.IngestionBody;
import changeledger.ingestion.IngestionResult;
import changeledger.ingestion.NotificationIngestionService;
import changeledger.ingestion.TaskIngestionService;
import changeledger.security.CurrentRequest;
import changeledger.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

/**
 * {@code /api/v1/hosts/{id}/ingest/*}: only an ingester key bound to the host may send its data (its notifier key
 * too, for Proxmox notifications).
 * Body faults are 4xx and store nothing; line faults are reported per line; what is accepted
 * commits in one transaction. A taken upload is a sign of life of its source (the tasks JSON counts for
 * {@code task-index}: it is the push form of the same task list).
 */
@Path("/api/v1/hosts/{id}/ingest")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.INGEST)
@APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
@APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
public class IngestionResource {

    private static final Logger LOG = Logger.getLogger(IngestionResource.class);

    private final TaskIngestionService tasks;
    private final AccessLogIngestionService accessLog;
    private final JournalIngestionService journal;
    private final NotificationIngestionService notifications;
    private final HostAccess access;
    private final CurrentRequest request;
    private final LimitsConfig limits;
    private final SignsOfLife signs;

    /** Wires the resource. */
    public IngestionResource(TaskIngestionService tasks, AccessLogIngestionService accessLog,
                             JournalIngestionService journal, NotificationIngestionService notifications,
                             HostAccess access, CurrentRequest request, LimitsConfig limits, SignsOfLife signs) {
        this.journal = journal;
        this.notifications = notifications;
        this.limits = limits;
        this.signs = signs;
        this.tasks = tasks;
        this.accessLog = accessLog;
        this.access = access;
        this.request = request;
    }

    /** Lines of {@code /var/log/pve/tasks/index}, {@code index.1} and {@code active}, mixed freely. */
    @POST
    @Path("/task-index")
    @Consumes(MediaType.TEXT_PLAIN)
    @APIResponse(responseCode = "200", description = "What was accepted, duplicate, ignored or rejected")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocument.UNSUPPORTED_TYPE)
    @APIResponse(responseCode = "422", ref = ApiDocument.UNPROCESSABLE)
    public IngestionResult taskIndex(@PathParam("id") String hostId, @HeaderParam(HttpHeaders.CONTENT_LENGTH)
                                     Long length, InputStream body) throws IOException {
        Host host = access.ingestible(hostId);
        return seen(host, EvidenceSource.TASK_INDEX,
                tasks.ingestTaskFile(host.id(), host.node(), read(body, length), request.metadata("task-index")));
    }

    /** The {@code data} array (or the whole envelope) of {@code GET /api2/json/nodes/{node}/tasks}. */
    @POST
    @Path("/tasks")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "What was accepted, duplicate, ignored or rejected")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocument.UNSUPPORTED_TYPE)
    @APIResponse(responseCode = "422", ref = ApiDocument.UNPROCESSABLE)
    public IngestionResult taskJson(@PathParam("id") String hostId, @HeaderParam(HttpHeaders.CONTENT_LENGTH)
                                    Long length, InputStream body) throws IOException {
        Host host = access.ingestible(hostId);
        return seen(host, EvidenceSource.TASK_INDEX,
                tasks.ingestTaskJson(host.id(), host.node(), read(body, length), request.metadata("task-api")));
    }

    /** Lines of {@code /var/log/pveproxy/access.log}. */
    @POST
    @Path("/access-log")
    @Consumes(MediaType.TEXT_PLAIN)
    @APIResponse(responseCode = "200", description = "What was accepted, duplicate, ignored or rejected")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocument.UNSUPPORTED_TYPE)
    @APIResponse(responseCode = "422", ref = ApiDocument.UNPROCESSABLE)
    public IngestionResult accessLog(@PathParam("id") String hostId, @HeaderParam(HttpHeaders.CONTENT_LENGTH)
                                     Long length, InputStream body) throws IOException {
        Host host = access.ingestible(hostId);
        return seen(host, EvidenceSource.ACCESS_LOG, accessLog.ingestAccessLog(host.id(), host.node(),
                read(body, length), request.metadata("access-log")));
    }

    /**
     * Lines of the node's systemd journal, {@code journalctl -o short-iso-precise} or {@code -o json}, sent from the
     * collector's saved cursor.
     */
    @POST
    @Path("/journal")
    @Consumes(MediaType.TEXT_PLAIN)
    @APIResponse(responseCode = "200", description = "What was accepted, duplicate, ignored or rejected")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocument.UNSUPPORTED_TYPE)
    @APIResponse(responseCode = "422", ref = ApiDocument.UNPROCESSABLE)
    public IngestionResult journal(@PathParam("id") String hostId, @HeaderParam(HttpHeaders.CONTENT_LENGTH)
                                   Long length, InputStream body) throws IOException {
        Host host = access.ingestible(hostId);
        return seen(host, EvidenceSource.JOURNAL, journal.ingestJournal(host.id(), host.node(), read(body, length),
                request.metadata("journal")));
    }

    /**
     * The body that a Proxmox VE 8.3+ webhook target sends with the template of docs/ingestion.md. Its key is the
     * host's notifier key (or its ingester key), sent by Proxmox as a static {@code Authorization} header.
     */
    @POST
    @Path("/pve-notification")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.INGEST, Role.NOTIFY})
    @APIResponse(responseCode = "200", description = "Accepted, duplicate (a resend), or ignored (Proxmox's test"
            + " notification)")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocument.UNSUPPORTED_TYPE)
    @APIResponse(responseCode = "422", ref = ApiDocument.UNPROCESSABLE)
    public IngestionResult pveNotification(@PathParam("id") String hostId, @HeaderParam(HttpHeaders.CONTENT_LENGTH)
                                           Long length, InputStream body) throws IOException {
        Host host = access.notifiable(hostId);
        byte[] bytes = RequestBody.read(body, length == null ? -1 : length, limits.notificationBytes());
        return seen(host, EvidenceSource.PVE_NOTIFICATION, notifications.ingest(host.id(), host.node(), bytes,
                request.metadata("pve-notification")));
    }

    /** Records the taken upload as a sign of life of its source, right after its transaction. */
    /**
     * Records the upload's sign of life after its events committed. When the database connection is lost just then,
     * the upload is still answered with what it stored, not with a 503 saying nothing was: the sign of life is
     * missed (the host's next upload or heartbeat records one), the events are not.
     */
    private IngestionResult seen(Host host, EvidenceSource source, IngestionResult result) {
        try {
            signs.seen(host.id(), source);
        } catch (RuntimeException e) {
            if (!DatabaseFaults.connectionLost(e)) {
                throw e;
            }
            LOG.warnf("The %s upload of host %s is stored, but its sign of life is not: the database connection was "
                    + "lost (%s)", source.wireName(), host.id(), e.getMessage());
        }
        return result;
    }

    /** The body, read once the caller is known to be the host's ingester. */
    private byte[] read(InputStream body, Long length) throws IOException {
        return RequestBody.read(body, length == null ? -1 : length, limits.uploadBytes());
    }
}
