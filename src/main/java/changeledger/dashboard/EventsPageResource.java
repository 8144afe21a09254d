package changeledger.dashboard;

import changeledger.domain.EventClass;
import changeledger.host.HostResource;
import changeledger.host.HostView;
import changeledger.query.EventFilters;
import changeledger.query.EventQuery;
import changeledger.query.EventQueryResource;
import changeledger.query.EventStreamResource;
import changeledger.query.EventView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The audit query: every filter of {@code GET /api/v1/events} as a form, keyset paging, and the CSV and NDJSON
 * exports served with the session's key (the browser never holds the key, so it cannot call the API itself).
 */
@Path("/events")
@PermitAll
public class EventsPageResource {

    /** The filters, named as on the API. */
    public static final class Filters {
        @QueryParam("host")
        String host;
        @QueryParam("type")
        String type;
        @QueryParam("class")
        String eventClass;
        @QueryParam("actor")
        String actor;
        @QueryParam("source")
        String source;
        @QueryParam("guest")
        String guest;
        @QueryParam("correlationId")
        String correlationId;
        @QueryParam("from")
        String from;
        @QueryParam("to")
        String to;
        @QueryParam("limit")
        String limit;
        @QueryParam("after")
        String after;

        Map<String, String> values() {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("host", host);
            values.put("type", type);
            values.put("class", eventClass);
            values.put("actor", actor);
            values.put("source", source);
            values.put("guest", guest);
            values.put("correlationId", correlationId);
            values.put("from", from);
            values.put("to", to);
            return values;
        }

        /** The filters as they were sent, blank for absent ones (for the form). */
        public Map<String, String> form() {
            Map<String, String> form = new LinkedHashMap<>();
            values().forEach((name, value) -> form.put(name, value == null ? "" : value));
            form.put("limit", limit == null ? "" : limit);
            return form;
        }

        /** The query string of the filters (without paging). */
        public String query() {
            return values().entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isBlank())
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue().trim(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
        }
    }

    @CheckedTemplate(basePath = "dashboard")
    static class Templates {
        static native TemplateInstance events(Page page, List<String> classes, Map<String, String> form,
                                              List<HostView> hosts, List<EventView> items, String next,
                                              String query);
    }

    private static final List<String> CLASSES = EventClass.names(List.of(EventClass.values()));

    private final Pages pages;
    private final EventQueryResource events;
    private final HostResource hosts;
    private final EventStreamResource stream;

    /** Wires the page to the API's resources. */
    public EventsPageResource(Pages pages, EventQueryResource events, HostResource hosts,
                              EventStreamResource stream) {
        this.pages = pages;
        this.events = events;
        this.hosts = hosts;
        this.stream = stream;
    }

    /** A page of events after {@code after}. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@BeanParam Filters filters) {
        Page page = pages.page("Events", "events");
        Map<String, String> values = new LinkedHashMap<>(filters.values());
        values.put("after", filters.after);
        values.put("limit", filters.limit);
        EventQuery.Page body = (EventQuery.Page) ApiQuery.events(events, values, ApiHeaders.JSON, null).getEntity();
        Long next = body.next();
        return Templates.events(page, CLASSES, filters.form(), hosts.list().items(), body.items(),
                next == null ? null : next.toString(), filters.query());
    }

    /** Every matching event as CSV, read with the session's key. */
    @GET
    @Path("/export.csv")
    @Produces(EventQueryResource.CSV)
    public Response csv(@BeanParam Filters filters, @Context RoutingContext routing) {
        pages.caller();
        return ApiQuery.events(events, filters.values(), ApiHeaders.accepting(EventQueryResource.CSV), routing);
    }

    /** Every matching event as NDJSON, read with the session's key. */
    @GET
    @Path("/export.ndjson")
    @Produces(EventQueryResource.NDJSON)
    public Response ndjson(@BeanParam Filters filters, @Context RoutingContext routing) {
        pages.caller();
        Response response = ApiQuery.events(events, filters.values(),
                ApiHeaders.accepting(EventQueryResource.NDJSON), routing);
        return Response.fromResponse(response).header("Content-Disposition", "attachment; filename=\"events.ndjson\"")
                .build();
    }

    /**
     * Live mode: the events that match the page's filters as server-sent events, from the ones stored from now on
     * (or after {@code Last-Event-ID} when the browser reconnects), read with the session's key exactly as
     * {@code GET /api/v1/events/stream} reads them for a Bearer key.
     */
    @GET
    @Path("/live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void live(@BeanParam Filters filters, @Context HttpHeaders headers, @Context SseEventSink sink,
                     @Context Sse sse) {
        pages.caller();
        stream.stream(EventFilters.Parameters.of(filters.values()), null, headers, sink, sse);
    }
}
