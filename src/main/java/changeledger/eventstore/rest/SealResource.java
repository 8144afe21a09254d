package changeledger.eventstore.rest;

import changeledger.eventstore.EventStoreException;
import changeledger.eventstore.seal.Checkpoint;
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

/** {@code /api/v1/events/verify} and {@code /api/v1/events/checkpoint}: the seal chain (ADR 0006). */
@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("reader")
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
    public Verification verify(@QueryParam("checkpointPosition") Long checkpointPosition,
                               @QueryParam("checkpointHash") String checkpointHash) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return chain.verify(connection, checkpointPosition, checkpointHash);
            } finally {
                connection.rollback();
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new EventStoreException("verify the seal chain", e);
        }
    }

    /** The head of the chain: keep it outside the database to detect a later rewrite. */
    @GET
    @Path("/checkpoint")
    public Checkpoint checkpoint() {
        try (Connection connection = dataSource.getConnection()) {
            return chain.checkpoint(connection).orElse(new Checkpoint(0, 0, null, null));
        } catch (SQLException e) {
            throw new EventStoreException("read the seal head", e);
        }
    }
}
