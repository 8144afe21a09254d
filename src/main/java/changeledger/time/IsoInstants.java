package changeledger.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Instants as ISO-8601 text, with short ways for the forms the service reads and writes most. Read models parse two
 * task times per event, every event of a page or export writes two, and the seal hashes two; the general formatter
 * and parser of {@code java.time} cost a processor a quarter of its catch-up and a page a twentieth of its CPU. The
 * results are those of {@link Instant#parse}, {@link Instant#toString} and the seal's pattern; anything outside the
 * short ways goes to them.
 */
public final class IsoInstants {

    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the seconds of the years written here. */
    private static final long FIRST_SHORT_SECOND = -62_167_219_200L;
    private static final long END_OF_SHORT_SECONDS = 253_402_300_800L;

    /** The seal's canonical time (ADR 0006): UTC, exactly six fraction digits. */
    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** Nanoseconds per unit of the last fraction digit, by the number of fraction digits. */
    private static final int[] NANOS_PER_DIGIT = {1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000,
        1_000, 100, 10, 1};

    private IsoInstants() {
    }

    /** {@link Instant#parse}, with a short way for whole seconds in UTC ({@code 2026-05-01T10:00:00Z}). */
    public static Instant parse(String text) {
        Instant instant = parseUtcSeconds(text);
        return instant != null ? instant : Instant.parse(text);
    }

    /**
     * The instant of {@code text} when it is whole seconds in UTC with every field in range
     * ({@code 2026-05-01T10:00:00Z}); null for anything else, which the caller parses as it parses other forms.
     */
    public static Instant parseUtcSeconds(String text) {
        if (text != null && text.length() == 20 && text.charAt(4) == '-' && text.charAt(7) == '-'
                && text.charAt(10) == 'T' && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(19) == 'Z') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            int hour = digits(text, 11, 2);
            int minute = digits(text, 14, 2);
            int second = digits(text, 17, 2);
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1
                    && day <= YearMonth.of(year, month).lengthOfMonth() && hour >= 0 && hour <= 23
                    && minute >= 0 && minute <= 59 && second >= 0 && second <= 59) {
                long days = LocalDate.of(year, month, day).toEpochDay();
                return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second);
            }
        }
        return null;
    }

    /**
     * {@link Instant#toString}: {@code 2026-05-01T10:00:00Z}, with 3, 6 or 9 fraction digits when the instant has a
     * fraction. Years 0 to 9999 are written here, others by {@link Instant#toString}.
     */
    public static String format(Instant instant) {
        int nano = instant.getNano();
        int digits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        String text = write(instant, digits);
        return text != null ? text : instant.toString();
    }

    /**
     * The seal's canonical time: UTC with exactly six fraction digits, the rest cut off
     * ({@code 2026-11-01T10:15:30.000000Z}); years outside 0 to 9999 as the pattern
     * {@code uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'} writes them.
     */
    public static String formatMicros(Instant instant) {
        String text = write(instant, 6);
        return text != null ? text : MICROS.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /** {@code uuuu-MM-ddTHH:mm:ss[.f...]Z} with {@code digits} fraction digits, cut off; null outside years 0-9999. */
    private static String write(Instant instant, int digits) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_SHORT_SECOND || seconds >= END_OF_SHORT_SECONDS) {
            return null;
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        char[] text = new char[digits == 0 ? 20 : 21 + digits];
        put(text, 0, t.getYear(), 4);
        text[4] = '-';
        put(text, 5, t.getMonthValue(), 2);
        text[7] = '-';
        put(text, 8, t.getDayOfMonth(), 2);
        text[10] = 'T';
        put(text, 11, t.getHour(), 2);
        text[13] = ':';
        put(text, 14, t.getMinute(), 2);
        text[16] = ':';
        put(text, 17, t.getSecond(), 2);
        if (digits > 0) {
            text[19] = '.';
            put(text, 20, instant.getNano() / NANOS_PER_DIGIT[digits], digits);
        }
        text[text.length - 1] = 'Z';
        return new String(text);
    }

    private static void put(char[] text, int from, int value, int length) {
        for (int i = from + length - 1; i >= from; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The decimal number of {@code length} ASCII digits at {@code from}, or -1 when one of them is not a digit. */
    private static int digits(String text, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
