package changeledger.security;

import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Processor and replay endpoints ({@code /api/v1/admin/...}) act on every host: a key limited to some hosts
 * gets a 403 there whatever its role. (Key management and host registration check the same in their resources.)
 */
public class FleetAdministrationFilter {

    private static final String FLEET_PATHS = "/api/v1/admin/";

    private final CurrentRequest current;

    /** Reads the request's caller. */
    public FleetAdministrationFilter(CurrentRequest current) {
        this.current = current;
    }

    /** Refuses a host-limited caller on fleet-wide paths; an unauthenticated one is left to the roles check. */
    @ServerRequestFilter
    public void requireAllHosts(ContainerRequestContext context) {
        if (!context.getUriInfo().getPath().startsWith(FLEET_PATHS)) {
            return;
        }
        try {
            current.caller();
        } catch (UnauthorizedException e) {
            return;
        }
        current.requireAllHosts("processor and replay administration");
    }
}
