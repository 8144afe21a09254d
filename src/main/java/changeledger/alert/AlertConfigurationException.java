package changeledger.alert;

/** The alert configuration is wrong (a rule names an unknown target, an unknown kind...): the service does not start. */
public class AlertConfigurationException extends RuntimeException {

    /** A fault a person can act on. */
    public AlertConfigurationException(String message) {
        super(message);
    }
}
