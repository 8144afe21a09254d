package changeledger.processing;

/** No processor of that name runs in this service. */
public class UnknownProcessorException extends RuntimeException {

    /** Names the processor that was asked for. */
    public UnknownProcessorException(String name, java.util.Collection<String> known) {
        super("There is no processor named '" + name + "'. Known processors: " + String.join(", ", known) + ".");
    }
}
