package changeledger.projection;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
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

    /** The guests of one host. */
    public GuestHistory of(String hostId) {
        return history(repository.of(Set.of(hostId), null));
    }

    /**
     * What a page needs to name its guests: the histories of the guests that the (host, guest) pairs name, read once;
     * pairs with a null host or guest are left out.
     */
    public GuestHistory named(Collection<String[]> hostAndGuest) {
        Set<String> hosts = new TreeSet<>();
        Set<String> guests = new TreeSet<>();
        for (String[] pair : hostAndGuest) {
            if (pair[0] != null && pair[1] != null) {
                hosts.add(pair[0]);
                guests.add(pair[1]);
            }
        }
        return history(repository.of(hosts, guests));
    }

    private GuestHistory history(List<GuestSighting> sightings) {
        Set<String> hosts = new TreeSet<>();
        sightings.forEach(sighting -> hosts.add(sighting.hostId()));
        return GuestHistory.of(sightings, repository.clusters(hosts));
    }
}
