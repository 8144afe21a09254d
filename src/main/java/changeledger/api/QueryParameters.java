package changeledger.api;

import changeledger.domain.ProblemException;

/**
 * Values of query parameters as resources read them: a blank value is an absent one, and a number out of its range
 * is a 400 naming the parameter. Unknown and repeated parameters never get this far ({@link RequestParameterFilter}).
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** A parameter's value, or null when it is absent or blank. */
    public static String text(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** A whole number from {@code min} to {@code max}, {@code absent} when not given; else 400 naming the range. */
    public static long wholeNumber(String name, String value, long absent, long min, long max) {
        if (text(value) == null) {
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
