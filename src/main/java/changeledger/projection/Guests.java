package changeledger.projection;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/** Reads guest identity and names ({@link GuestHistory}) of some hosts, for every reader that shows a guest. */
@ApplicationScoped
public class Guests {

    private final GuestRepository repository;

    /** Wires the reader. */
    public Guests(GuestRepository repository) {
        this.repository = repository;
    }

    /** The guests of these hosts (null ids are left out). */
    public GuestHistory of(Collection<String> hostIds) {
        Set<String> hosts = new TreeSet<>();
        hostIds.stream().filter(java.util.Objects::nonNull).forEach(hosts::add);
        return GuestHistory.of(repository.of(hosts));
    }

    /** The guests of one host. */
    public GuestHistory of(String hostId) {
        return of(Set.of(hostId));
    }
}
