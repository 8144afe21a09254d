package changeledger.projection;

import java.time.Instant;
import java.util.List;

/**
 * What an audit query asks of the event index. Every field is optional (null: no filter).
 *
 * @param host          events of this host
 * @param visibleHosts  the caller's hosts when its key is limited to some; null for a key of all hosts
 * @param hostless      whether events of no host (API keys) may be shown: only to administrators of all hosts
 * @param type          the event type
 * @param eventClass    the class
 * @param actor         the actor's name or the recording key's id
 * @param source        the metadata source
 * @param guest         the guest id as raw text
 * @param correlationId the correlation id
 * @param from          occurred at or after (inclusive)
 * @param to            occurred before (exclusive)
 */
public record EventIndexFilter(String host, List<String> visibleHosts, boolean hostless, String type, String eventClass, String actor,
                               String source, String guest, String correlationId, Instant from, Instant to) {

    /** Copies the host list. */
    public EventIndexFilter {
        visibleHosts = visibleHosts == null ? null : List.copyOf(visibleHosts);
    }
}
