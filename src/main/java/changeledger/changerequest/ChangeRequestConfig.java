package changeledger.changerequest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Change request settings, under {@code changeledger.change-requests}. */
@ConfigMapping(prefix = "changeledger.change-requests")
public interface ChangeRequestConfig {

    /** Whether the key that submitted a request may approve it (one-person operation); such approvals are marked selfApproved. */
    @WithDefault("false")
    boolean allowSelfApproval();

    /** How far before and after a request's planned window an observed change still counts as covered by it. */
    @WithDefault("15m")
    Duration grace();
}
