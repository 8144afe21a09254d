package changeledger.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Gathers the entries of one file; a key written twice in a section keeps both values, joined by a newline. */
final class EntryCollector {

    private final String file;
    private final Consumer<LineFault> faults;
    private final Map<String, ConfigEntry> entries = new LinkedHashMap<>();

    EntryCollector(String file, Consumer<LineFault> faults) {
        this.file = file;
        this.faults = faults;
    }

    void put(String section, String key, String value) {
        ConfigEntry entry = new ConfigEntry(file, section, key, value);
        entries.merge(entry.id(), entry, (old, added) -> new ConfigEntry(file, section, key,
                old.value() + "\n" + added.value()));
    }

    void fault(int lineNumber, String line, String reason) {
        faults.accept(new LineFault(file, lineNumber, line, reason));
    }

    List<ConfigEntry> entries() {
        return new ArrayList<>(entries.values());
    }
}
