package changeledger.domain;

/** A fault the caller can act on, answered as the problem it carries; named subclasses say what went wrong. */
public class ProblemException extends RuntimeException {

    private final transient Fault problem;

    /** Raises a fault. */
    public ProblemException(Fault problem) {
        super(problem.detail());
        this.problem = problem;
    }

    /** Raises a fault caused by another failure (kept for the log, never shown to the client). */
    public ProblemException(Fault problem, Throwable cause) {
        super(problem.detail(), cause);
        this.problem = problem;
    }

    /** A 400 with a detail that says what to fix. */
    public static ProblemException badRequest(String detail) {
        return new ProblemException(Fault.of(400, detail));
    }

    /** A 404 for a resource the caller may know about. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(Fault.of(404, detail));
    }

    /** A 409. */
    public static ProblemException conflict(String detail) {
        return new ProblemException(Fault.of(409, detail));
    }

    /** The fault to answer. */
    public Fault problem() {
        return problem;
    }
}
