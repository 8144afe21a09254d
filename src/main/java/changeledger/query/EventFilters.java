package changeledger.query;

import static changeledger.api.QueryParameters.text;

import changeledger.api.QueryParameters;
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
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The filters of the audit query ({@code GET /api/v1/events} and its live stream): checked against the caller's key,
 * so a host-limited key only ever reads its hosts.
 */
@ApplicationScoped
public class EventFilters {

    /** The filter parameters every audit read takes. */
    static final Set<String> FILTERS = Set.of("host", "type", "class", "actor", "source", "guest", "correlationId",
            "from", "to");

    private static final List<String> CLASSES = EventClass.names(List.of(EventClass.values()));

    private final HostAccess access;
    private final CurrentRequest request;
    private final TimeConfig time;

    /** Wires the parser. */
    public EventFilters(HostAccess access, CurrentRequest request, TimeConfig time) {
        this.access = access;
        this.request = request;
        this.time = time;
    }

    /** The filter parameters plus an endpoint's own. */
    static Set<String> with(String... own) {
        Set<String> known = new TreeSet<>(FILTERS);
        known.addAll(List.of(own));
        return known;
    }

    /** The filter of a request: 400 for an unknown parameter or a bad value, 403/404 for a host the key may not see. */
    EventIndexFilter parse(MultivaluedMap<String, String> parameters, Set<String> known) {
        QueryParameters.requireKnown(parameters, known);
        String host = text(parameters, "host");
        if (host != null) {
            access.visible(host);
        }
        String eventClass = text(parameters, "class");
        if (eventClass != null && !CLASSES.contains(eventClass)) {
            throw ProblemException.badRequest("'class' is '" + eventClass + "': use one of " + CLASSES + ".");
        }
        Caller caller = request.caller();
        TimeRange range = TimeRange.parse(text(parameters, "from"), text(parameters, "to"), time.timeZone());
        return new EventIndexFilter(host, caller.hostLimited() ? caller.hosts() : null,
                !caller.hostLimited() && caller.role() == Role.ADMIN, text(parameters, "type"),
                eventClass, text(parameters, "actor"), text(parameters, "source"), text(parameters, "guest"),
                text(parameters, "correlationId"), range.from(), range.to());
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
