package changeledger.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The guests of some hosts as the record knows them (DESIGN "Evidence", guest identity): a VMID holds one guest after
 * another, each from its creation (QEMU {@code ctime}, a create or restore task, or its first sighting) until it was
 * destroyed or went away; a guest's names follow its renames. Folded from {@link GuestSighting}s in time order.
 * A guest that migrated away (ADR 0065) goes on as the guest its VMID next shows on another host of the cluster (a
 * snapshot there, or its destroy there) that the record did not see begin: the one guest keeps its creation time and
 * names on its new host, which begins at the migration's end; a reused VMID (another creation time) is not followed.
 */
public final class GuestHistory {

    /**
     * A name from a time on.
     *
     * @param name  the name
     * @param since from when the record shows it
     */
    public record NamePeriod(String name, Instant since) {
    }

    /**
     * One guest: a VMID from its creation to its end.
     *
     * @param hostId  the host
     * @param guest   the VMID as raw text
     * @param created its creation time when a QEMU config named it, else null
     * @param since   when it began: its creation time, else the create or restore task's end, else its first sighting
     * @param until   when it was destroyed or went away, null while it exists
     * @param names   its names, oldest first
     * @param seenBorn whether the record saw it begin (a creation time or a create task): then it did not exist before
     * @param movedFrom the host it migrated from when it began there by a migration, else null
     * @param movedTo   the host it migrated to when it ended here by a migration and was seen there, else null
     * @param movedAway whether it ended here by a migration (to {@code movedTo}, or to a host not seen yet)
     */
    public record Guest(String hostId, String guest, Instant created, Instant since, Instant until,
                        List<NamePeriod> names, boolean seenBorn, String movedFrom, String movedTo,
                        boolean movedAway) {

        /** Its name at {@code at}: the last one shown by then, else the first (a name applies back to the start). */
        public String nameAt(Instant at) {
            String name = names.isEmpty() ? null : names.get(0).name();
            for (NamePeriod period : names) {
                if (!period.since().isAfter(at)) {
                    name = period.name();
                }
            }
            return name;
        }

        /** Its current (last) name, or null. */
        public String name() {
            return names.isEmpty() ? null : names.get(names.size() - 1).name();
        }

        boolean holds(Instant at) {
            return !at.isBefore(since) && (until == null || at.isBefore(until));
        }
    }

    private final Map<String, List<Guest>> byGuest;
    private final Map<String, String> clusterOf;

    private GuestHistory(Map<String, List<Guest>> byGuest, Map<String, String> clusterOf) {
        this.byGuest = byGuest;
        this.clusterOf = clusterOf;
    }

    /** The history of the sightings, which come ordered by host, guest, time and position; no host in a cluster. */
    public static GuestHistory of(Collection<GuestSighting> sightings) {
        return of(sightings, Map.of());
    }

    /**
     * The history of the sightings, which come ordered by host, guest, time and position, where {@code clusterOf}
     * gives the cluster of each host that is in one: a guest follows its migration only between members of one.
     */
    public static GuestHistory of(Collection<GuestSighting> sightings, Map<String, String> clusterOf) {
        Map<String, List<Guest>> byGuest = new HashMap<>();
        Map<String, Builder> open = new HashMap<>();
        Map<Guest, Instant> firstSeen = new java.util.IdentityHashMap<>();
        List<GuestSighting> unseenDestroys = new ArrayList<>();
        for (GuestSighting sighting : sightings) {
            String key = key(sighting.hostId(), sighting.guest());
            List<Guest> guests = byGuest.computeIfAbsent(key, k -> new ArrayList<>());
            Builder current = open.get(key);
            switch (sighting.kind()) {
                case CREATED -> {
                    close(guests, current, sighting.at(), false, firstSeen);
                    open.put(key, new Builder(sighting, true, lastEnd(guests)));
                }
                case DESTROYED -> {
                    if (current == null) {
                        unseenDestroys.add(sighting);
                    }
                    close(guests, current, sighting.at(), false, firstSeen);
                    open.remove(key);
                }
                case MIGRATED -> {
                    close(guests, current, sighting.at(), true, firstSeen);
                    open.remove(key);
                }
                case CONFIG -> {
                    if (current != null && current.created != null && sighting.created() != null
                            && !current.created.equals(sighting.created())) {
                        close(guests, current, sighting.at(), false, firstSeen);
                        current = null;
                    }
                    if (current == null) {
                        current = new Builder(sighting, false, lastEnd(guests));
                        open.put(key, current);
                    }
                    current.see(sighting);
                }
                default -> throw new IllegalStateException(sighting.kind().name());
            }
        }
        open.forEach((key, builder) -> {
            Guest guest = builder.build(null, false);
            if (!builder.createdByTask) {
                firstSeen.put(guest, builder.firstSeen);
            }
            byGuest.get(key).add(guest);
        });
        follow(byGuest, firstSeen, unseenDestroys, clusterOf);
        byGuest.values().forEach(guests -> guests.sort(java.util.Comparator.comparing(Guest::since)));
        return new GuestHistory(byGuest, clusterOf);
    }

    /**
     * Lets each guest that migrated away go on as the guest its VMID shows next on another host, where the record did
     * not see it begin: the first sighting there after the migration's end (a snapshot, or a destroy when no snapshot
     * showed it there), with a creation time that is the same or unknown. Guests are followed in the order they were
     * first seen, so a guest that moves on again is followed further.
     */
    private static void follow(Map<String, List<Guest>> byGuest, Map<Guest, Instant> firstSeen,
                               List<GuestSighting> unseenDestroys, Map<String, String> clusterOf) {
        Map<String, List<List<Guest>>> byVmid = new HashMap<>();
        byGuest.forEach((key, guests) -> {
            if (guests.stream().anyMatch(Guest::movedAway)) {
                byVmid.computeIfAbsent(guests.get(0).guest(), vmid -> new ArrayList<>()).add(guests);
            }
        });
        if (byVmid.isEmpty()) {
            return;
        }
        List<Guest> arrivals = new ArrayList<>();
        byGuest.values().forEach(guests -> guests.stream().filter(firstSeen::containsKey).forEach(arrivals::add));
        Set<Guest> ghosts = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (GuestSighting destroy : unseenDestroys) {
            Guest ghost = new Guest(destroy.hostId(), destroy.guest(), null, destroy.at(), destroy.at(), List.of(),
                    false, null, null, false);
            firstSeen.put(ghost, destroy.at());
            ghosts.add(ghost);
            arrivals.add(ghost);
        }
        arrivals.sort(java.util.Comparator.comparing(firstSeen::get));
        for (Guest arrival : arrivals) {
            Instant seen = firstSeen.get(arrival);
            Guest from = null;
            for (List<Guest> guests : byVmid.getOrDefault(arrival.guest(), List.of())) {
                for (Guest candidate : guests) {
                    if (candidate.movedAway() && candidate.movedTo() == null
                            && sameCluster(clusterOf, candidate.hostId(), arrival.hostId())
                            && !candidate.until().isAfter(seen)
                            && (arrival.created() == null || candidate.created() == null
                            || arrival.created().equals(candidate.created()))
                            && (from == null || candidate.until().isAfter(from.until()))) {
                        from = candidate;
                    }
                }
            }
            List<Guest> here = byGuest.computeIfAbsent(key(arrival.hostId(), arrival.guest()), k -> new ArrayList<>());
            if (from == null) {
                continue;
            }
            List<NamePeriod> names = new ArrayList<>(from.names());
            for (NamePeriod name : arrival.names()) {
                if (names.isEmpty() || !names.get(names.size() - 1).name().equals(name.name())) {
                    names.add(name);
                }
            }
            Guest followed = new Guest(arrival.hostId(), arrival.guest(),
                    arrival.created() != null ? arrival.created() : from.created(), from.until(), arrival.until(),
                    List.copyOf(names), from.seenBorn() || arrival.seenBorn(), from.hostId(), arrival.movedTo(),
                    arrival.movedAway());
            firstSeen.put(followed, seen);
            List<Guest> there = byGuest.get(key(from.hostId(), from.guest()));
            there.set(there.indexOf(from), new Guest(from.hostId(), from.guest(), from.created(), from.since(),
                    from.until(), from.names(), from.seenBorn(), from.movedFrom(), arrival.hostId(), true));
            if (ghosts.contains(arrival)) {
                here.add(followed);
            } else if (here.contains(arrival)) {
                here.set(here.indexOf(arrival), followed);
            }
        }
        byGuest.values().removeIf(List::isEmpty);
    }

    /** Every guest the record knows of, by host, VMID and start. */
    public List<Guest> all() {
        return byGuest.values().stream().flatMap(List::stream)
                .sorted(java.util.Comparator.comparing(Guest::hostId).thenComparing(Guest::guest)
                        .thenComparing(Guest::since)).toList();
    }

    /** The guests of one host, by VMID and start. */
    public List<Guest> allOf(String hostId) {
        return all().stream().filter(g -> g.hostId().equals(hostId)).toList();
    }

    /** The guests a host's VMID held, oldest first. */
    public List<Guest> of(String hostId, String guest) {
        return byGuest.getOrDefault(key(hostId, guest), List.of());
    }

    /**
     * The name of the guest a host's VMID held at {@code at}, or null: the guest that existed then; before the first
     * guest the record knows, that guest's name unless the record saw it begin after {@code at}.
     */
    public String nameAt(String hostId, String guest, Instant at) {
        if (guest == null || at == null) {
            return null;
        }
        List<Guest> guests = of(hostId, guest);
        if (guests.isEmpty()) {
            Guest moved = movedTo(hostId, guest, at);
            return moved == null ? null : moved.name();
        }
        for (Guest candidate : guests) {
            if (candidate.holds(at)) {
                return candidate.nameAt(at);
            }
        }
        if (!guests.isEmpty() && at.isBefore(guests.get(0).since()) && !guests.get(0).seenBorn()) {
            return guests.get(0).nameAt(at);
        }
        return null;
    }

    /**
     * The guest that last migrated away from another host of the history before {@code at} to this host, or to a host
     * not known yet, when the record knows nothing of the VMID on this host (a node with tasks but no snapshots).
     */
    private Guest movedTo(String hostId, String guest, Instant at) {
        Guest moved = null;
        for (List<Guest> guests : byGuest.values()) {
            for (Guest candidate : guests) {
                if (candidate.movedAway() && candidate.guest().equals(guest)
                        && sameCluster(clusterOf, candidate.hostId(), hostId) && !candidate.until().isAfter(at)
                        && (candidate.movedTo() == null || candidate.movedTo().equals(hostId))
                        && (moved == null || candidate.until().isAfter(moved.until()))) {
                    moved = candidate;
                }
            }
        }
        return moved;
    }

    /** How a guest is shown: {@code name (vmid)}, or the VMID alone when no name is known; null for no guest. */
    public String label(String hostId, String guest, Instant at) {
        if (guest == null) {
            return null;
        }
        String name = nameAt(hostId, guest, at);
        return name == null ? guest : name + " (" + guest + ")";
    }

    /** Whether two hosts are two members of one cluster (VMIDs are unique in a cluster only). */
    private static boolean sameCluster(Map<String, String> clusterOf, String hostId, String otherHostId) {
        String cluster = clusterOf.get(hostId);
        return cluster != null && !hostId.equals(otherHostId) && cluster.equals(clusterOf.get(otherHostId));
    }

    private static void close(List<Guest> guests, Builder current, Instant at, boolean movedAway,
                              Map<Guest, Instant> firstSeen) {
        if (current != null) {
            Guest guest = current.build(at, movedAway);
            if (!current.createdByTask) {
                firstSeen.put(guest, current.firstSeen);
            }
            guests.add(guest);
        }
    }

    private static Instant lastEnd(List<Guest> guests) {
        return guests.isEmpty() ? null : guests.get(guests.size() - 1).until();
    }

    private static String key(String hostId, String guest) {
        return hostId + "\u001f" + guest;
    }

    private static final class Builder {
        private final String hostId;
        private final String guest;
        private final Instant firstSeen;
        private final boolean createdByTask;
        private final Instant notBefore;
        private Instant created;
        private final List<NamePeriod> names = new ArrayList<>();

        /** A guest first seen in {@code first}; it cannot have begun before the previous guest of its VMID ended. */
        Builder(GuestSighting first, boolean createdByTask, Instant notBefore) {
            this.hostId = first.hostId();
            this.guest = first.guest();
            this.firstSeen = first.at();
            this.createdByTask = createdByTask;
            this.notBefore = notBefore;
        }

        void see(GuestSighting sighting) {
            if (created == null && sighting.created() != null) {
                created = sighting.created();
            }
            String last = names.isEmpty() ? null : names.get(names.size() - 1).name();
            if (sighting.name() != null && !sighting.name().equals(last)) {
                names.add(new NamePeriod(sighting.name(), sighting.at()));
            }
        }

        Guest build(Instant until, boolean movedAway) {
            Instant since = created != null && created.isBefore(firstSeen) ? created : firstSeen;
            since = notBefore != null && since.isBefore(notBefore) ? notBefore : since;
            return new Guest(hostId, guest, created, since, until, List.copyOf(names),
                    createdByTask || created != null, null, null, movedAway);
        }
    }
}
