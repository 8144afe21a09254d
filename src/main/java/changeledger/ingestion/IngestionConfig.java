package changeledger.ingestion;

import io.smallrye.config.ConfigMapping;
import java.util.Map;

/** Configuration of Proxmox ingestion, under {@code changeledger.ingestion}. */
@ConfigMapping(prefix = "changeledger.ingestion")
public interface IngestionConfig {

    /** Per host, task classes overriding the built-in table: {@code task-classes."<hostId>"."<type|prefix*>"=<class>}. */
    Map<String, Map<String, TaskClass>> taskClasses();

    /** Per host, disruption windows overriding the built-in table: {@code disruption-windows."<hostId>"."<type>"=<window>}. */
    Map<String, Map<String, DisruptionWindow>> disruptionWindows();
}
