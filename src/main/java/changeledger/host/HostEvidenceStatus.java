package changeledger.host;

/** How complete a host's record is, shown in the host resource; the evidence feature provides it. */
public interface HostEvidenceStatus {

    /** The host's sources with their last signs of life, and its open gaps. */
    HostView.Evidence of(String hostId);
}
