package changeledger.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The guests of some hosts as the record knows them (DESIGN "Evidence", guest identity): a VMID holds one guest after
 * another, each from its creation (QEMU {@code ctime}, a create or restore task, or its first sighting) until it was
 * destroyed or went away; a guest's names follow its renames. Folded from {@link GuestSighting}s in time order.
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
     */
    public record Guest(String hostId, String guest, Instant created, Instant since, Instant until,
                        List<NamePeriod> names, boolean seenBorn) {

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

    private GuestHistory(Map<String, List<Guest>> byGuest) {
        this.byGuest = byGuest;
    }

    /** The history of the sightings, which come ordered by host, guest, time and position. */
    public static GuestHistory of(Collection<GuestSighting> sightings) {
        Map<String, List<Guest>> byGuest = new HashMap<>();
        Map<String, Builder> open = new HashMap<>();
        for (GuestSighting sighting : sightings) {
            String key = key(sighting.hostId(), sighting.guest());
            List<Guest> guests = byGuest.computeIfAbsent(key, k -> new ArrayList<>());
            Builder current = open.get(key);
            switch (sighting.kind()) {
                case CREATED -> {
                    close(guests, current, sighting.at());
                    open.put(key, new Builder(sighting, true, lastEnd(guests)));
                }
                case DESTROYED -> {
                    close(guests, current, sighting.at());
                    open.remove(key);
                }
                case CONFIG -> {
                    if (current != null && current.created != null && sighting.created() != null
                            && !current.created.equals(sighting.created())) {
                        close(guests, current, sighting.at());
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
        open.forEach((key, builder) -> byGuest.get(key).add(builder.build(null)));
        byGuest.values().forEach(guests -> guests.sort(java.util.Comparator.comparing(Guest::since)));
        return new GuestHistory(byGuest);
    }

    /** Every guest the record knows of, by host, VMID and start. */
    public List<Guest> all() {
        return byGuest.values().stream().flatMap(List::stream)
                .sorted(java.util.Comparator.comparing(Guest::hostId).thenComparing(Guest::guest)
                        .thenComparing(Guest::since)).toList();
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

    /** How a guest is shown: {@code name (vmid)}, or the VMID alone when no name is known; null for no guest. */
    public String label(String hostId, String guest, Instant at) {
        if (guest == null) {
            return null;
        }
        String name = nameAt(hostId, guest, at);
        return name == null ? guest : name + " (" + guest + ")";
    }

    private static void close(List<Guest> guests, Builder current, Instant at) {
        if (current != null) {
            guests.add(current.build(at));
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

        Guest build(Instant until) {
            Instant since = created != null && created.isBefore(firstSeen) ? created : firstSeen;
            since = notBefore != null && since.isBefore(notBefore) ? notBefore : since;
            return new Guest(hostId, guest, created, since, until, List.copyOf(names),
                    createdByTask || created != null);
        }
    }
}
