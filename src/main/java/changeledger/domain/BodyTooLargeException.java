package changeledger.domain;

import changeledger.domain.Fault;
import changeledger.domain.ProblemException;

/** A body over the configured limit (413); nothing is stored. */
public class BodyTooLargeException extends ProblemException {

    /** Creates the exception. */
    public BodyTooLargeException(long bytes, long maxBytes) {
        this("The body has " + bytes + " bytes", maxBytes);
    }

    private BodyTooLargeException(String what, long maxBytes) {
        super(Fault.of(413, "Body too large", what + "; at most "
                + maxBytes + " are accepted (changeledger.limits.upload-bytes). Send it in parts."));
    }

    /** A body of more lines than {@code changeledger.limits.upload-lines}. */
    public static BodyTooLargeException lines(int maxLines) {
        return parts(maxLines, "lines");
    }

    /** A task list of more items than {@code changeledger.limits.upload-lines}. */
    public static BodyTooLargeException items(int maxItems) {
        return parts(maxItems, "items");
    }

    private static BodyTooLargeException parts(int max, String what) {
        return new BodyTooLargeException(Fault.of(413, "Body too large",
                "The body has more than " + max + " " + what + ", the most accepted (changeledger.limits.upload-lines)."
                + " Send it in parts."));
    }

    private BodyTooLargeException(Fault problem) {
        super(problem);
    }

    /** A body of undeclared length that went past the limit while it was read. */
    public static BodyTooLargeException past(long maxBytes) {
        return new BodyTooLargeException("The body has more than " + maxBytes + " bytes", maxBytes);
    }
}
