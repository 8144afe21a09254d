package changeledger.chart;

import java.util.List;
import java.util.Map;

/** The colours of the classes and of planned and unplanned windows: each at least 3:1 against white (WCAG 1.4.11). */
public final class Palette {

    /** The classes in the order charts stack them, most significant at the bottom. */
    public static final List<String> CLASSES = List.of("disruptive", "incident", "change", "manual", "unknown",
            "start", "routine", "access");

    private static final Map<String, String> COLOURS = Map.of(
            "disruptive", "#b3261e", "change", "#1f5fbf", "manual", "#0e7490", "unknown", "#8a5a00",
            "start", "#2e7d32", "routine", "#5f6b7a", "access", "#7c3aed", "incident", "#9d174d");

    /** A planned window. */
    public static final String PLANNED = "#1f5fbf";
    /** An unplanned window. */
    public static final String UNPLANNED = "#b3261e";
    /** A failed task (listed, no disruption). */
    public static final String FAILED = "#5f6b7a";

    private Palette() {
    }

    /** The colour of a class. */
    public static String of(String eventClass) {
        return COLOURS.getOrDefault(eventClass, "#5f6b7a");
    }
}
