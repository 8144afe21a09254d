package changeledger.dashboard;

/** A dashboard page was opened without a live session of its own; the browser is sent to the sign-in page. */
public class SignInRequiredException extends RuntimeException {

    /** No session, an expired one, or one whose key was revoked. */
    public SignInRequiredException() {
        super("sign in to the dashboard", null, false, false);
    }
}
