package changeledger.processing;

/**
 * The one place outside the processing engine's own SQL that names its token table: the generation of a replayable
 * read model that readers see (ADR 0005). Read models put {@link #BY_NAME} where their SQL needs the generation, and
 * bind the processor's name to its parameter.
 */
public final class ActiveGeneration {

    /** A scalar subquery: the generation readers see of the processor whose name is bound to its one parameter. */
    public static final String BY_NAME = "(select generation from processor_token where name = ?)";

    private ActiveGeneration() {
    }

    /** The same subquery for a processor named in the text (a constant name of the service's own, never input). */
    public static String of(String processorName) {
        if (!processorName.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("not a processor name: " + processorName);
        }
        return BY_NAME.replace("?", "'" + processorName + "'");
    }
}
