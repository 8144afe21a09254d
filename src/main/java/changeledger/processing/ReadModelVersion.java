package changeledger.processing;

import changeledger.database.Reads;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;

/**
 * How far some read models are: one string made of each processor's generation and cursor. While it stays the
 * same, nothing those read models hold has changed, so an answer computed from them may be kept (ADR 0067); a new
 * event, a replay's switch-over or a reset gives a different string.
 */
@ApplicationScoped
public class ReadModelVersion {

    private static final String STAMP = """
            select coalesce(string_agg(name || ':' || generation || ':' || tx_id || ':' || position, ' '
                                       order by name), '')
              from processor_token where name = any(?)
            """;

    private final AgroalDataSource dataSource;

    /** Reads through the default datasource. */
    public ReadModelVersion(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The version of the read models of these processors, as of now. */
    public String of(Collection<String> processorNames) {
        return Reads.first(dataSource, STAMP, (connection, read) -> read.setArray(1,
                        connection.createArrayOf("text", processorNames.toArray(String[]::new))),
                rs -> rs.getString(1), "the read models' version").orElse("");
    }
}
