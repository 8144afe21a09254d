package changeledger.dashboard;

import changeledger.domain.Fault;
import changeledger.domain.ProblemException;

/** A dashboard form arrived without its session's CSRF token: it was forged, or sent from a page of an old session. */
public class CsrfRefusedException extends ProblemException {

    /** The 403 a form without the right token gets. */
    public CsrfRefusedException() {
        super(Fault.of(403, "Form refused", "This form did not carry the token of your "
                + "session, so it was not sent from a page of this dashboard (or the session has changed). Reload "
                + "the page and send the form again."));
    }
}
