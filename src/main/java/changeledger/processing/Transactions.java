package changeledger.processing;

import java.sql.Connection;

/** Runs work in one database transaction: JTA inside Quarkus, a plain JDBC connection elsewhere. */
public interface Transactions {

    /** Work on the transaction's connection. */
    @FunctionalInterface
    interface Work<T> {
        /** Does the work; throwing rolls the transaction back. */
        T run(Connection connection) throws Exception;
    }

    /** Runs {@code work} in a new transaction and commits it, or rolls it back when the work throws. */
    <T> T inTransaction(Work<T> work) throws Exception;

    /** Releases what the calling thread holds (its connection); the default holds nothing. */
    default void release() {
    }
}
