package changeledger.ingestion;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Values by task type: exact types, and prefix patterns written {@code prefix*}. An exact type wins
 * over a prefix; among prefixes the longest wins.
 *
 * @param <V> the value, e.g. a {@link TaskClass}
 */
public final class TaskTypeTable<V> {

    private final Map<String, V> exact;
    private final List<Map.Entry<String, V>> prefixes;
    private final TaskTypeTable<V> fallback;

    private TaskTypeTable(Map<String, V> exact, List<Map.Entry<String, V>> prefixes, TaskTypeTable<V> fallback) {
        this.exact = exact;
        this.prefixes = prefixes;
        this.fallback = fallback;
    }

    /** A table of {@code type -> value} entries; keys ending in {@code *} are prefix patterns. */
    public static <V> TaskTypeTable<V> of(Map<String, V> entries) {
        Map<String, V> exact = new LinkedHashMap<>();
        Map<String, V> prefixes = new LinkedHashMap<>();
        entries.forEach((key, value) -> {
            String type = key.trim();
            if (type.isEmpty() || type.equals("*")) {
                throw new IllegalArgumentException("a task type pattern must name a type or a prefix: '" + key + "'");
            }
            if (type.endsWith("*")) {
                prefixes.put(type.substring(0, type.length() - 1), value);
            } else {
                exact.put(type, value);
            }
        });
        List<Map.Entry<String, V>> sorted = prefixes.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, V> e) -> e.getKey().length()).reversed())
                .map(e -> Map.entry(e.getKey(), e.getValue()))
                .toList();
        return new TaskTypeTable<>(Map.copyOf(exact), sorted, null);
    }

    /** The value for a task type, if an entry matches it. */
    public Optional<V> lookup(String type) {
        V value = exact.get(type);
        if (value != null) {
            return Optional.of(value);
        }
        Optional<V> byPrefix = prefixes.stream().filter(p -> type.startsWith(p.getKey()))
                .map(Map.Entry::getValue).findFirst();
        return byPrefix.isPresent() || fallback == null ? byPrefix : fallback.lookup(type);
    }

    /**
     * This table with {@code overrides} laid over it: an override matching a type, exactly or by
     * prefix, wins over every entry of this table.
     */
    public TaskTypeTable<V> overriddenBy(TaskTypeTable<V> overrides) {
        if (overrides.exact.isEmpty() && overrides.prefixes.isEmpty()) {
            return this;
        }
        return new TaskTypeTable<>(overrides.exact, overrides.prefixes, this);
    }
}
