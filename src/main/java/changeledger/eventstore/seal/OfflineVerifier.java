package changeledger.eventstore.seal;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Verifies the seal chain of a database (e.g. a restored dump) without the service, optionally
 * against a checkpoint saved earlier. Exit status 0: verified; 1: broken; 2: wrong usage or no database.
 *
 * <pre>java -cp 'target/quarkus-app/lib/main/*:target/quarkus-app/app/*' changeledger.eventstore.seal.OfflineVerifier \
 *     --url jdbc:postgresql://host/db --user u --password p --checkpoint-position 42 --checkpoint-hash 3fa2...</pre>
 */
public final class OfflineVerifier {

    private static final String USAGE = "usage: OfflineVerifier --url <jdbc url> [--user <name>] [--password <secret>]"
            + " [--checkpoint-position <seal position> --checkpoint-hash <hex>]";

    private OfflineVerifier() {
    }

    private static final Set<String> OPTIONS = Set.of("url", "user", "password", "checkpoint-position",
            "checkpoint-hash");

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
        try (Connection connection = DriverManager.getConnection(url, options.getOrDefault("user", "postgres"),
                options.getOrDefault("password", ""))) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            String position = options.get("checkpoint-position");
            Verification result = new SealChain().verify(connection,
                    position == null ? null : Long.valueOf(position), options.get("checkpoint-hash"));
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
}
