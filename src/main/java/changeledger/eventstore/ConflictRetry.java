package changeledger.eventstore;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.function.Supplier;

/**
 * Runs a command in a new transaction, and again when a concurrent writer stored the same stream
 * first: the next attempt reads what that writer committed and decides again (usually: duplicates).
 */
public final class ConflictRetry {

    private ConflictRetry() {
    }

    /**
     * The command's result, after at most {@code attempts} transactions.
     *
     * @throws ConcurrencyConflictException when the last attempt still conflicts
     * @throws StoreContentionException     when PostgreSQL aborted the last attempt
     */
    public static <T> T inNewTransaction(int attempts, Supplier<T> command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(command::get);
            } catch (ConcurrencyConflictException | StoreContentionException e) {
                if (attempt >= attempts) {
                    throw e;
                }
            }
        }
    }
}
