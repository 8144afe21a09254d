package changeledger.dashboard;

import changeledger.api.TimeConfig;
import changeledger.domain.ProblemException;
import changeledger.host.HostResource;
import changeledger.host.HostView;
import changeledger.journal.EntryKind;
import changeledger.journal.ManualEntryEvent.Disruption;
import changeledger.journal.ManualEntryResource;
import changeledger.journal.ManualEntryView;
import changeledger.query.EventQuery;
import changeledger.query.EventQueryResource;
import changeledger.query.EventView;
import changeledger.security.Role;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;

/** Manual entries: the form, the entries of the last 90 days, and retraction (through the API's resource). */
@Path("/entries")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class EntryPages {

    @CheckedTemplate(basePath = "dashboard")
    static class Templates {
        static native TemplateInstance entries(Page page, List<HostView> hosts, List<String> kinds,
                                               List<ManualEntryView> entries, String host);
    }

    static final Duration SHOWN = Duration.ofDays(90);

    private final Pages pages;
    private final ManualEntryResource entries;
    private final EventQueryResource events;
    private final HostResource hosts;
    private final TimeConfig time;

    /** Wires the page to the API's resources. */
    public EntryPages(Pages pages, ManualEntryResource entries, EventQueryResource events, HostResource hosts,
                      TimeConfig time) {
        this.pages = pages;
        this.entries = entries;
        this.events = events;
        this.hosts = hosts;
        this.time = time;
    }

    /** The form and the recent entries of the hosts the key may read (or of one). */
    @GET
    public TemplateInstance list(@QueryParam("host") String host) {
        Page page = pages.page("Manual entries", "entries");
        Map<String, String> query = new LinkedHashMap<>();
        query.put("host", host);
        query.put("type", "ManualEntryRecorded");
        query.put("from", Instant.now().minus(SHOWN).toString());
        query.put("limit", "1000");
        EventQuery.Page body = (EventQuery.Page) ApiQuery.events(events, query, ApiHeaders.JSON, null).getEntity();
        List<ManualEntryView> recent = new ArrayList<>();
        for (EventView event : body.items()) {
            String[] parts = event.aggregateId().split("/", 2);
            if (parts.length == 2) {
                recent.add(0, entries.get(parts[0], parts[1]));
            }
        }
        List<String> kinds = java.util.Arrays.stream(EntryKind.values()).map(EntryKind::wireName).toList();
        return Templates.entries(page, hosts.list().items(), kinds, recent,
                host == null ? "" : host);
    }

    /** Records an entry. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response record(@RestForm("_csrf") String csrf, @RestForm String hostId, @RestForm String kind,
                           @RestForm String summary, @RestForm String details, @RestForm String occurredAt,
                           @RestForm String target, @RestForm String disruptionStart, @RestForm String disruptionEnd,
                           @RestForm String changeRequestId) {
        pages.form(csrf);
        pages.require(Role.SUBMIT);
        EntryKind entryKind;
        try {
            entryKind = kind == null || kind.isBlank() ? null : EntryKind.fromWire(kind);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        Instant start = instant("disruption start", disruptionStart);
        Instant end = instant("disruption end", disruptionEnd);
        Disruption disruption = start == null && end == null ? null : new Disruption(start, end);
        entries.record(hostId, new ManualEntryResource.RecordEntryBody(entryKind, summary, blank(details),
                instant("occurred at", occurredAt), blank(target), disruption, blank(changeRequestId)));
        return Response.seeOther(URI.create("/entries?host=" + hostId)).build();
    }

    /** Retracts an entry with a reason. */
    @POST
    @Path("/{host}/{entryId}/retract")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response retract(@PathParam("host") String host, @PathParam("entryId") String entryId,
                            @RestForm("_csrf") String csrf, @RestForm String reason) {
        pages.form(csrf);
        pages.require(Role.SUBMIT);
        entries.retract(host, entryId, new ManualEntryResource.RetractBody(reason));
        return Response.seeOther(URI.create("/entries?host=" + host)).build();
    }

    private Instant instant(String name, String value) {
        String text = FormTimes.instant(value, time.timeZone());
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("'" + name + "' is '" + value + "': give a date and time.");
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
