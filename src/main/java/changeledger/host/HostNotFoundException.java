package changeledger.host;

/** No host with that id is registered (or the caller may not know of it). */
public class HostNotFoundException extends RuntimeException {

    /** Creates the exception for a host id. */
    public HostNotFoundException(String hostId) {
        super("No host '" + hostId + "' is registered. GET /api/v1/hosts lists the hosts you can see.");
    }
}
