package changeledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** Which failures are a lost database connection, and which of those left a commit's outcome unknown. */
class DatabaseFaultsTest {

    @Test
    void givenTheConnectionLostAtCommit_whenClassified_thenLostWhileCommitting() {
        RollbackException commit = new RollbackException("ARJUNA016053: Could not commit transaction.");
        commit.addSuppressed(new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE));

        assertThat(DatabaseFaults.connectionLost(commit)).isTrue();
        assertThat(DatabaseFaults.lostWhileCommitting(commit)).isTrue();
        assertThat(DatabaseFaults.lostWhileCommitting(new IllegalStateException("upload failed", commit))).isTrue();
    }

    @Test
    void givenTheConnectionLostInAStatement_whenClassified_thenLostButNotWhileCommitting() {
        SQLException terminated = new SQLException("FATAL: terminating connection due to administrator command",
                "57P01");

        assertThat(DatabaseFaults.connectionLost(terminated)).isTrue();
        assertThat(DatabaseFaults.lostWhileCommitting(terminated)).isFalse();
    }

    @Test
    void givenACommitRefusedWithTheConnectionUp_whenClassified_thenNeitherLostNorInDoubt() {
        RollbackException commit = new RollbackException("marked rollback only");
        commit.addSuppressed(new SQLException("duplicate key value", "23505"));

        assertThat(DatabaseFaults.connectionLost(commit)).isFalse();
        assertThat(DatabaseFaults.lostWhileCommitting(commit)).isFalse();
    }
}
