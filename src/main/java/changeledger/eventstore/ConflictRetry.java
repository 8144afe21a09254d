package changeledger.eventstore;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.function.Supplier;

/**
 * Runs a command in a new transaction, and again when a concurrent writer stored the same stream or
 * event first: the next attempt reads what that writer committed and decides again (duplicates, or
 * a rejected line when the two disagree). A conflict that persists is rethrown after the last attempt.
 */
public final class ConflictRetry {

    private ConflictRetry() {
    }

    /**
     * The command's result, after at most {@code attempts} transactions.
     *
     * @throws ConcurrencyConflictException when the last attempt still conflicts
     * @throws EventIdConflictException     when the last attempt still reuses an id with other content
     * @throws StoreContentionException     when PostgreSQL aborted the last attempt
     */
    public static <T> T inNewTransaction(int attempts, Supplier<T> command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(command::get);
            } catch (ConcurrencyConflictException | EventIdConflictException | StoreContentionException e) {
                if (attempt >= attempts) {
                    throw e;
                }
            }
        }
    }
}
