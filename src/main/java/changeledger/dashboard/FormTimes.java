package changeledger.dashboard;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** A browser's {@code datetime-local} value (no zone) read in the service's zone; anything else goes to the API as typed. */
final class FormTimes {

    private FormTimes() {
    }

    /** The instant text the API takes, or null for a blank field. */
    static String instant(String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.trim()).atZone(zone).toInstant().toString();
        } catch (DateTimeParseException e) {
            return value.trim();
        }
    }
}
