package changeledger.query;

import static changeledger.api.QueryParameters.text;

import changeledger.api.TimeConfig;
import changeledger.api.TimeRange;
import changeledger.domain.EventClass;
import changeledger.domain.ProblemException;
import changeledger.host.HostAccess;
import changeledger.projection.EventIndexFilter;
import changeledger.security.Caller;
import changeledger.security.CurrentRequest;
import changeledger.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The filters of the audit query ({@code GET /api/v1/events} and its live stream): checked against the caller's key,
 * so a host-limited key only ever reads its hosts.
 */
@ApplicationScoped
public class EventFilters {

    private static final List<String> CLASSES = EventClass.names(List.of(EventClass.values()));

    /**
     * The filters as they arrive in the query string, unparsed: {@link #parse} checks the values, so a bad one is the
     * service's own 400.
     */
    public static class Parameters {

        @QueryParam("host")
        @Parameter(description = "Only events of this host id")
        String host;

        @QueryParam("type")
        @Parameter(description = "Only events of this type, e.g. ProxmoxTaskFinished")
        String type;

        @QueryParam("class")
        @Parameter(description = "Only events of this class", schema = @Schema(type = SchemaType.STRING,
                enumeration = {"change", "disruptive", "start", "routine", "access", "unknown", "manual",
                        "incident"}))
        String eventClass;

        @QueryParam("actor")
        @Parameter(description = "Only events of this actor: a Proxmox user (root@pam) or an API key's name")
        String actor;

        @QueryParam("source")
        @Parameter(description = "Only events recorded from this source, e.g. api, task-index, access-log")
        String source;

        @QueryParam("guest")
        @Parameter(description = "Only events of this guest id (raw text, e.g. 101)")
        String guest;

        @QueryParam("correlationId")
        @Parameter(description = "Only events recorded with this correlation id")
        String correlationId;

        @QueryParam("from")
        @Parameter(description = "Events that occurred at or after this ISO-8601 instant or date (midnight in the "
                + "service's time zone)")
        String from;

        @QueryParam("to")
        @Parameter(description = "Events that occurred before this ISO-8601 instant or date (exclusive)")
        String to;

        /** Filled by the framework from the query. */
        public Parameters() {
        }

        /** The filters from values named as on the API (the dashboard's in-process calls); blank ones are absent. */
        public static Parameters of(Map<String, String> values) {
            Parameters parameters = new Parameters();
            parameters.host = value(values, "host");
            parameters.type = value(values, "type");
            parameters.eventClass = value(values, "class");
            parameters.actor = value(values, "actor");
            parameters.source = value(values, "source");
            parameters.guest = value(values, "guest");
            parameters.correlationId = value(values, "correlationId");
            parameters.from = value(values, "from");
            parameters.to = value(values, "to");
            return parameters;
        }

        private static String value(Map<String, String> values, String name) {
            String value = values.get(name);
            return value == null || value.isBlank() ? null : value.trim();
        }
    }

    private final HostAccess access;
    private final CurrentRequest request;
    private final TimeConfig time;

    /** Wires the parser. */
    public EventFilters(HostAccess access, CurrentRequest request, TimeConfig time) {
        this.access = access;
        this.request = request;
        this.time = time;
    }

    /** The filter of a request: 400 for a bad value, 403/404 for a host the key may not see. */
    EventIndexFilter parse(Parameters parameters) {
        String host = text(parameters.host);
        if (host != null) {
            access.visible(host);
        }
        String eventClass = text(parameters.eventClass);
        if (eventClass != null && !CLASSES.contains(eventClass)) {
            throw ProblemException.badRequest("'class' is '" + eventClass + "': use one of " + CLASSES + ".");
        }
        Caller caller = request.caller();
        TimeRange range = TimeRange.parse(text(parameters.from), text(parameters.to), time.timeZone());
        return new EventIndexFilter(host, caller.hostLimited() ? caller.hosts() : null,
                !caller.hostLimited() && caller.role() == Role.ADMIN, text(parameters.type),
                eventClass, text(parameters.actor), text(parameters.source), text(parameters.guest),
                text(parameters.correlationId), range.from(), range.to());
    }

    /** A whole number in {@code [min, max]} given as {@code name}; 400 otherwise. */
    static long number(String name, String value, long min, long max) {
        try {
            long number = Long.parseLong(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("'" + name + "' is '" + value + "': give a whole number from " + min
                + " to " + max + ".");
    }
}
