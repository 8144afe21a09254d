package changeledger.query;

import changeledger.api.ApiDocument;
import changeledger.host.HostAccess;
import changeledger.projection.GuestHistory;
import changeledger.projection.Guests;
import changeledger.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /api/v1/hosts/{id}/guests}: the guests of a host that configuration snapshots named (DESIGN "Evidence",
 * guest identity): one item per guest, a VMID destroyed and reused giving two, each with its names over time.
 */
@Path("/api/v1/hosts/{id}/guests")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
@APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
public class GuestResource {

    /**
     * The guests of a host.
     *
     * @param items the guests, by VMID and start
     */
    public record GuestList(List<GuestItem> items) {
    }

    /**
     * One guest.
     *
     * @param guest   the VMID as raw text
     * @param name    its current (last) name, or null
     * @param created its creation time from its QEMU config, or null
     * @param since   when it began (creation, create or restore task, or first sighting)
     * @param until   when it was destroyed or went away, or null while it exists
     * @param names   its names over time, oldest first (on the host it migrated from too)
     * @param movedFrom the host it migrated from, when it began here by a migration (ADR 0065), else null
     * @param movedTo   the host it migrated to, when it left by a migration and was seen there, else null
     */
    public record GuestItem(String guest, String name, Instant created, Instant since, Instant until,
                            List<GuestHistory.NamePeriod> names, String movedFrom, String movedTo) {
    }

    private final Guests guests;
    private final HostAccess access;

    /** Wires the resource. */
    public GuestResource(Guests guests, HostAccess access) {
        this.guests = guests;
        this.access = access;
    }

    /** The host's guests. */
    @GET
    @RolesAllowed(Role.READ)
    @APIResponse(responseCode = "200", description = "The guests the record knows of, a reused VMID giving two")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public GuestList guests(@PathParam("id") String hostId) {
        access.visible(hostId);
        return new GuestList(guests.of(hostId).allOf(hostId).stream().map(g -> new GuestItem(g.guest(), g.name(),
                g.created(), g.since(), g.until(), g.names(), g.movedFrom(), g.movedTo())).toList());
    }
}
