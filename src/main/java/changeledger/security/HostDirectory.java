package changeledger.security;

/** Tells the security layer which hosts exist; the host registry provides it. */
public interface HostDirectory {

    /** Whether a host with this id is registered. */
    boolean exists(String hostId);
}
