package changeledger.eventstore.rest;

import changeledger.eventstore.EventStoreException;
import changeledger.eventstore.seal.Checkpoint;
import changeledger.eventstore.seal.InvalidCheckpointException;
import changeledger.eventstore.seal.SealChain;
import changeledger.eventstore.seal.Verification;
import io.agroal.api.AgroalDataSource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code /api/v1/events/verify} and {@code /api/v1/events/checkpoint}: the seal chain (ADR 0006). */
@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("reader")
@APIResponse(responseCode = "400", ref = "BadRequest")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "503", ref = "ServiceUnavailable")
public class SealResource {

    private final AgroalDataSource dataSource;
    private final SealChain chain = new SealChain();

    /** Reads the default datasource. */
    public SealResource(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Recomputes the chain, optionally against a saved checkpoint. */
    @GET
    @Path("/verify")
    @APIResponse(responseCode = "200", description = "The result of recomputing the chain")
    public Verification verify(@QueryParam("checkpointPosition") @Parameter(description = "The seal position of a "
                                       + "saved checkpoint (with checkpointHash)", schema = @Schema(
                                       type = SchemaType.INTEGER, format = "int64", minimum = "1"))
                               String checkpointPosition,
                               @QueryParam("checkpointHash") @Parameter(description = "The hash of that checkpoint, "
                                       + "64 hex digits as GET /api/v1/events/checkpoint returns it")
                               String checkpointHash) {
        Long position = position(checkpointPosition);
        try {
            return chain.verifyConsistently(dataSource, position, checkpointHash);
        } catch (SQLException e) {
            throw new EventStoreException("verify the seal chain", e);
        }
    }

    /** The head of the chain: keep it outside the database to detect a later rewrite. */
    @GET
    @Path("/checkpoint")
    @APIResponse(responseCode = "200", description = "The seal head")
    public Checkpoint checkpoint() {
        try (Connection connection = dataSource.getConnection()) {
            return chain.checkpoint(connection).orElse(new Checkpoint(0, 0, null, null));
        } catch (SQLException e) {
            throw new EventStoreException("read the seal head", e);
        }
    }

    /** The checkpoint position as a number; null when absent; 400 when it is not a whole number. */
    private static Long position(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidCheckpointException("checkpointPosition must be a whole number, 1 or more (a seal "
                    + "position); it is '" + value + "'.");
        }
    }
}
