package changeledger.evidence;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** The time of signs of life and of the detector's runs; one bean, so a test can put a month in the past. */
@ApplicationScoped
public class EvidenceClock {

    /** Now. */
    public Instant now() {
        return Instant.now();
    }
}
