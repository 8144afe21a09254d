package changeledger.eventstore.seal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies the seal chain of a database (e.g. a restored dump) without the service, optionally
 * against a checkpoint saved earlier, given by position and hash or as the last checkpoint of the file the service
 * exports them to (ADR 0056). Exit status 0: verified; 1: broken; 2: wrong usage, no database or no checkpoint in
 * the file.
 *
 * <pre>java -cp 'target/quarkus-app/lib/main/*:target/quarkus-app/app/*' changeledger.eventstore.seal.OfflineVerifier \
 *     --url jdbc:postgresql://host/db --user u --password p --checkpoint-position 42 --checkpoint-hash 3fa2...
 * java ... changeledger.eventstore.seal.OfflineVerifier --url ... --checkpoint-file /var/lib/changeledger/checkpoints.jsonl</pre>
 */
public final class OfflineVerifier {

    private static final String USAGE = "usage: OfflineVerifier --url <jdbc url> [--user <name>] [--password <secret>]"
            + " [--checkpoint-position <seal position> --checkpoint-hash <hex> | --checkpoint-file <exported file>]";

    private OfflineVerifier() {
    }

    private static final Set<String> OPTIONS = Set.of("url", "user", "password", "checkpoint-position",
            "checkpoint-hash", "checkpoint-file");

    /** Runs the verification and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the verification; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                err.println(USAGE);
                return 2;
            }
            String name = args[i].substring(2);
            if (!OPTIONS.contains(name) || options.containsKey(name)) {
                err.println((options.containsKey(name) ? "option given twice: " : "unknown option: ") + args[i]);
                err.println(USAGE);
                return 2;
            }
            options.put(name, args[++i]);
        }
        String url = options.get("url");
        if (url == null) {
            err.println(USAGE);
            return 2;
        }
        String position = options.get("checkpoint-position");
        String hash = options.get("checkpoint-hash");
        String file = options.get("checkpoint-file");
        if (file != null) {
            if (position != null || hash != null) {
                err.println("give --checkpoint-file or --checkpoint-position and --checkpoint-hash, not both");
                err.println(USAGE);
                return 2;
            }
            Optional<Checkpoint> saved = lastOf(Path.of(file), out, err);
            if (saved.isEmpty()) {
                return 2;
            }
            position = Long.toString(saved.get().position());
            hash = saved.get().hash();
        }
        try (Connection connection = DriverManager.getConnection(url, options.getOrDefault("user", "postgres"),
                options.getOrDefault("password", ""))) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            Verification result = new SealChain().verify(connection,
                    position == null ? null : Long.valueOf(position), hash);
            connection.rollback();
            out.printf("verified=%s checked=%d sealedUpTo=%d firstBrokenPosition=%s firstBrokenSeal=%s%n",
                    result.verified(), result.checked(), result.sealedUpTo(), result.firstBrokenPosition(),
                    result.firstBrokenSeal());
            if (result.reason() != null) {
                out.println("reason: " + result.reason());
            }
            return result.verified() ? 0 : 1;
        } catch (InvalidCheckpointException | NumberFormatException e) {
            err.println("invalid checkpoint: " + e.getMessage());
            return 2;
        } catch (SQLException e) {
            err.println("cannot read " + url + ": " + e.getMessage());
            return 2;
        }
    }

    /** The file's last checkpoint, printed; empty (with the reason on {@code err}) when it has none. */
    private static Optional<Checkpoint> lastOf(Path file, PrintStream out, PrintStream err) {
        try {
            Optional<CheckpointFile.Line> last = CheckpointFile.last(file);
            if (last.isEmpty()) {
                err.println("no checkpoint in " + file + ": no line holds a position and a 64-hex hash");
                return Optional.empty();
            }
            Checkpoint checkpoint = last.get().checkpoint();
            out.printf("checkpoint: seal %d (event position %d) hash %s from %s%n", checkpoint.position(),
                    checkpoint.eventPosition(), checkpoint.hash(), file);
            return Optional.of(checkpoint);
        } catch (IOException e) {
            err.println("cannot read the checkpoint file " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
