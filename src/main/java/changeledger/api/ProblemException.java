package changeledger.api;

import jakarta.ws.rs.core.Response;

/** A fault the caller can act on, answered as the problem it carries. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    /** Raises a problem. */
    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    /** Raises a problem caused by another failure (kept for the log, never shown to the client). */
    public ProblemException(Problem problem, Throwable cause) {
        super(problem.detail(), cause);
        this.problem = problem;
    }

    /** A 400 with a detail that says what to fix. */
    public static ProblemException badRequest(String detail) {
        return new ProblemException(Problem.of(Response.Status.BAD_REQUEST, detail));
    }

    /** A 404 for a resource the caller may know about. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(Response.Status.NOT_FOUND, detail));
    }

    /** A 409. */
    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(Response.Status.CONFLICT, detail));
    }

    /** The problem to answer. */
    public Problem problem() {
        return problem;
    }
}
