package changeledger.ingestion;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out each host's task class table: the built-in one with the host's configured overrides.
 * Stored events hold only facts; read models classify through this table. Built at start, so a
 * bad override stops the start instead of the first read.
 */
@Startup
@ApplicationScoped
public class TaskClassifier {

    private final TaskClassTable builtIn = TaskClassTable.builtIn();
    private final IngestionConfig config;
    private final Map<String, TaskClassTable> byHost = new ConcurrentHashMap<>();

    /** Reads overrides from the configuration. */
    public TaskClassifier(IngestionConfig config) {
        this.config = config;
        config.taskClasses().keySet().forEach(this::forHost);
        config.disruptionWindows().keySet().forEach(this::forHost);
    }

    /** The table that classifies tasks of one host. */
    public TaskClassTable forHost(String hostId) {
        return byHost.computeIfAbsent(hostId, id -> builtIn.withOverrides(
                config.taskClasses().getOrDefault(id, Map.of()),
                config.disruptionWindows().getOrDefault(id, Map.of())));
    }
}
