package changeledger.ingestion;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * The task classes and disruption windows of one host: the built-in tables of
 * {@code proxmox/task-classes.properties} and {@code proxmox/disruption-windows.properties},
 * with that host's overrides laid over them.
 */
public final class TaskClassTable {

    static final String CLASSES_RESOURCE = "proxmox/task-classes.properties";
    static final String WINDOWS_RESOURCE = "proxmox/disruption-windows.properties";

    private final TaskTypeTable<TaskClass> classes;
    private final TaskTypeTable<DisruptionWindow> windows;

    private TaskClassTable(TaskTypeTable<TaskClass> classes, TaskTypeTable<DisruptionWindow> windows) {
        this.classes = classes;
        this.windows = windows;
    }

    /** The built-in tables. */
    public static TaskClassTable builtIn() {
        return new TaskClassTable(TaskTypeTable.of(load(CLASSES_RESOURCE, TaskClass::fromText)),
                TaskTypeTable.of(load(WINDOWS_RESOURCE, DisruptionWindow::fromText)));
    }

    /** This table with one host's overrides ({@code type or prefix* -> value}) laid over it. */
    public TaskClassTable withOverrides(Map<String, TaskClass> classOverrides,
                                        Map<String, DisruptionWindow> windowOverrides) {
        return new TaskClassTable(classes.overriddenBy(TaskTypeTable.of(classOverrides)),
                windows.overriddenBy(TaskTypeTable.of(windowOverrides)));
    }

    /** The class of a task type; {@link TaskClass#UNKNOWN} for a type no entry matches. */
    public TaskClass classify(String type) {
        return classes.lookup(type).orElse(TaskClass.UNKNOWN);
    }

    /** The window a task type opens; {@link DisruptionWindow#NONE} for a type no entry matches. */
    public DisruptionWindow window(String type) {
        return windows.lookup(type).orElse(DisruptionWindow.NONE);
    }

    private static <V> Map<String, V> load(String resource, Function<String, V> reader) {
        Properties properties = new Properties();
        try (InputStream in = TaskClassTable.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
        Map<String, V> entries = new LinkedHashMap<>();
        for (String type : properties.stringPropertyNames()) {
            try {
                entries.put(type, reader.apply(properties.getProperty(type)));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(resource + ": " + type + ": " + e.getMessage(), e);
            }
        }
        return entries;
    }
}
