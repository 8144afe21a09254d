package changeledger.projection;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Which access-log changes are linked to the task they spawned, as the change statistics decided it: the one
 * answer the stats, the monthly budget and the unplanned-changes list share. Read from the {@code change-stats}
 * projection, so as current as that processor.
 */
@ApplicationScoped
public class AccessLinks {

    private final ChangeStatsReader repository;

    /** Wires the query. */
    public AccessLinks(ChangeStatsReader repository) {
        this.repository = repository;
    }

    /** The access-log changes of a host in {@code [from, to)}, in time order, each with its task or none. */
    public List<AccessChangeLink> of(String hostId, Instant from, Instant to) {
        return repository.accessLinks(hostId, from, to);
    }
}
