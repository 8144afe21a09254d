package changeledger.processing;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import java.sql.Connection;

/**
 * Transactions inside Quarkus: a new JTA transaction per batch; the default datasource's
 * connection (and Hibernate, for Panache read models) joins it.
 */
final class JtaTransactions implements Transactions {

    private final AgroalDataSource dataSource;

    JtaTransactions(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <T> T inTransaction(Work<T> work) throws Exception {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    return work.run(connection);
                }
            });
        } catch (QuarkusTransactionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
