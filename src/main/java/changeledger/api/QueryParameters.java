package changeledger.api;

import changeledger.domain.ProblemException;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Query parameters checked before they are read: a misspelt filter must be a 400, never a silently unfiltered
 * answer, and a parameter given twice must not have one of its values ignored.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** 400 naming the parameter when one is unknown (listing the known ones) or given more than once. */
    public static void requireKnown(MultivaluedMap<String, String> parameters, Collection<String> known) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (!known.contains(parameter.getKey())) {
                throw ProblemException.badRequest("Unknown query parameter '" + parameter.getKey()
                        + "'. This endpoint takes " + new TreeSet<>(known) + ".");
            }
            if (parameter.getValue().size() > 1) {
                throw ProblemException.badRequest("Query parameter '" + parameter.getKey() + "' is given "
                        + parameter.getValue().size() + " times; give it once.");
            }
        }
    }

    /** A parameter's value, or null when it is absent or blank. */
    public static String text(MultivaluedMap<String, String> parameters, String name) {
        String value = parameters.getFirst(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** A whole number from {@code min} to {@code max}, {@code absent} when not given; else 400 naming the range. */
    public static long wholeNumber(MultivaluedMap<String, String> parameters, String name, long absent, long min,
                                   long max) {
        String value = text(parameters, name);
        if (value == null) {
            return absent;
        }
        try {
            long number = Long.parseLong(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("'" + name + "' is '" + value + "': give a whole number from " + min
                + " to " + max + ".");
    }
}
