package changeledger.ingestion;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Hands out each host's task class table: the built-in one with the host's configured overrides. */
@ApplicationScoped
public class TaskClassifier {

    private final TaskClassTable builtIn = TaskClassTable.builtIn();
    private final IngestionConfig config;
    private final Map<String, TaskClassTable> byHost = new ConcurrentHashMap<>();

    /** Reads overrides from the configuration. */
    public TaskClassifier(IngestionConfig config) {
        this.config = config;
    }

    /** The table that classifies tasks of one host. */
    public TaskClassTable forHost(String hostId) {
        return byHost.computeIfAbsent(hostId, id -> builtIn.withOverrides(
                config.taskClasses().getOrDefault(id, Map.of()),
                config.disruptionWindows().getOrDefault(id, Map.of())));
    }
}
