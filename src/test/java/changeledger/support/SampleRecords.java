package changeledger.support;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Builds one plain instance of any record, and lists every record a sealed interface permits. */
public final class SampleRecords {

    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");

    private SampleRecords() {
    }

    /** Every record below {@code sealed}, through nested sealed interfaces, in declaration order. */
    public static List<Class<?>> permittedRecords(Class<?> sealed) {
        List<Class<?>> records = new ArrayList<>();
        for (Class<?> permitted : sealed.getPermittedSubclasses()) {
            if (permitted.isRecord()) {
                records.add(permitted);
            } else if (permitted.isSealed()) {
                records.addAll(permittedRecords(permitted));
            } else {
                throw new IllegalArgumentException(permitted + " is neither a record nor sealed");
            }
        }
        return records;
    }

    /** An instance of {@code type} with plain values: "x" for text, an instant in 2026, the first enum constant. */
    @SuppressWarnings("unchecked")
    public static <T> T sample(Class<T> type) {
        try {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = value(components[i].getType(), components[i].getGenericType());
            }
            Constructor<T> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build a sample " + type.getName(), e);
        }
    }

    private static Object value(Class<?> type, Type generic) {
        if (type == String.class) {
            return "x";
        }
        if (type == Instant.class) {
            return AT;
        }
        if (type == Duration.class) {
            return Duration.ofHours(1);
        }
        if (type == UUID.class) {
            return UUID.nameUUIDFromBytes(new byte[] {1});
        }
        if (type == int.class || type == Integer.class) {
            return 1;
        }
        if (type == long.class || type == Long.class) {
            return 1L;
        }
        if (type == boolean.class || type == Boolean.class) {
            return false;
        }
        if (type == double.class || type == Double.class) {
            return 1.0;
        }
        if (type == BigDecimal.class) {
            return BigDecimal.ONE;
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type == List.class) {
            return List.of();
        }
        if (type == Set.class) {
            return Set.of();
        }
        if (type == Map.class) {
            return Map.of();
        }
        if (type.isRecord()) {
            return sample(type);
        }
        if (type.isSealed()) {
            return sample(permittedRecords(type).get(0));
        }
        if (generic instanceof ParameterizedType) {
            return null;
        }
        return null;
    }
}
