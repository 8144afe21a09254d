package changeledger.ingestion.pull;

import changeledger.config.ConfigEntry;
import changeledger.config.ConfigParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a configuration snapshot of one node from its API with the read-only token: guest configs (current values,
 * not pending ones), the node's DNS, hosts, network and package versions, storage definitions, users and ACLs. A path
 * the token may not read (403) leaves its targets out and uncovered: they are neither changed nor gone.
 * <p>
 * A cluster pull (ADR 0064) reads the same in two parts: each member's node files and the guests
 * {@code /cluster/resources} places on it ({@link #readMember}), and once for the cluster what every member shares
 * ({@link #readCluster}): storage, users and ACLs, and target {@code cluster} (datacenter.cfg, HA, replication jobs,
 * corosync).
 */
final class ProxmoxConfigReader {

    /**
     * A snapshot read from the API.
     *
     * @param targets    entries by target
     * @param uncovered  targets (or target prefixes ending in {@code :} or {@code *} for guests) not read this time
     * @param unreadable the API paths the token may not read
     */
    record ApiSnapshot(Map<String, Map<String, String>> targets, Set<String> uncovered, List<String> unreadable) {

        /** A snapshot that read nothing and speaks for no target (a member that could not be reached). */
        static ApiSnapshot nothing() {
            return new ApiSnapshot(Map.of(), Set.of(ConfigParser.NODE, "*", "storage:", ConfigParser.SECURITY,
                    ConfigParser.CLUSTER), List.of());
        }

        /** This snapshot and another one of the same host: a target is uncovered only when neither read it. */
        ApiSnapshot and(ApiSnapshot other) {
            Map<String, Map<String, String>> both = new TreeMap<>(targets);
            both.putAll(other.targets);
            Set<String> neither = new TreeSet<>(uncovered);
            neither.retainAll(other.uncovered);
            List<String> paths = new ArrayList<>(unreadable);
            paths.addAll(other.unreadable);
            return new ApiSnapshot(both, neither, paths);
        }

        /** Whether the snapshot speaks for a stored target. */
        boolean covers(String target) {
            if (uncovered.contains(target)) {
                return false;
            }
            if (target.startsWith("storage:")) {
                return !uncovered.contains("storage:");
            }
            return !changeledger.host.ChangeTarget.isGuest(target) || !uncovered.contains("*");
        }
    }

    private final ProxmoxApiClient client;
    private final Map<String, Map<String, String>> targets = new TreeMap<>();
    private final Set<String> uncovered = new TreeSet<>();
    private final List<String> unreadable = new ArrayList<>();

    ProxmoxConfigReader(ProxmoxApiClient client) {
        this.client = client;
    }

    /** Reads everything it can of the node (a host pulled on its own). */
    ApiSnapshot read(String node) {
        String base = "/api2/json/nodes/" + node;
        for (String kind : List.of("qemu", "lxc")) {
            JsonNode guests = read(base + "/" + kind, "*");
            for (JsonNode guest : guests == null ? List.<JsonNode>of() : iterable(guests)) {
                guest(node, kind, guest.path("vmid").asText());
            }
        }
        nodeFiles(node);
        shared();
        return snapshot();
    }

    /**
     * Reads a cluster member's node files and the configs of the guests that run on it: {@code guests} are the items
     * of {@code /cluster/resources?type=vm} whose {@code node} is this node ({@code type} qemu or lxc, {@code vmid}).
     * What every member shares is not read here, and not covered; null guests (the placement could not be read) leave
     * the guests uncovered.
     */
    ApiSnapshot readMember(String node, List<JsonNode> guests) {
        if (guests == null) {
            uncovered.add("*");
        } else {
            for (JsonNode guest : guests) {
                guest(node, guest.path("type").asText(), guest.path("vmid").asText());
            }
        }
        nodeFiles(node);
        uncovered.add("storage:");
        uncovered.add(ConfigParser.SECURITY);
        uncovered.add(ConfigParser.CLUSTER);
        return snapshot();
    }

    /**
     * Reads what the members of a cluster share, once: storage definitions, users and ACLs, and target
     * {@code cluster}: datacenter.cfg ({@code /cluster/options}), HA groups, rules and resources
     * ({@code /cluster/ha/...}), replication jobs ({@code /cluster/replication}) and corosync's node list and totem
     * settings ({@code /cluster/config/nodes}, {@code /cluster/config/totem}). HA groups are not served once migrated
     * to rules (PVE 9), rules not before: a path that is not served holds nothing.
     */
    ApiSnapshot readCluster() {
        shared();
        List<String> paths = List.of("/cluster/options", "/cluster/ha/groups", "/cluster/ha/rules",
                "/cluster/ha/resources", "/cluster/replication", "/cluster/config/nodes", "/cluster/config/totem");
        Map<String, JsonNode> read = new TreeMap<>();
        for (String path : paths) {
            JsonNode data = client.readable("/api2/json" + path, true);
            if (data == null) {
                unreadable.add(path);
                uncovered.add(ConfigParser.CLUSTER);
            } else {
                read.put(path, data);
            }
        }
        if (!uncovered.contains(ConfigParser.CLUSTER)) {
            targets.computeIfAbsent(ConfigParser.CLUSTER, t -> new TreeMap<>());
            read.forEach((path, data) -> {
                if (data.isArray()) {
                    for (JsonNode item : data) {
                        object(ConfigParser.CLUSTER, path, section(path, item), item);
                    }
                } else if (data.isObject()) {
                    object(ConfigParser.CLUSTER, path, "", data);
                }
            });
        }
        uncovered.add(ConfigParser.NODE);
        uncovered.add("*");
        return snapshot();
    }

    /** The section of an item of a cluster list: its id as the list names it. */
    private static String section(String path, JsonNode item) {
        for (String key : List.of("group", "rule", "sid", "id", "node")) {
            if (item.hasNonNull(key)) {
                return item.path(key).asText();
            }
        }
        return path;
    }

    private void guest(String node, String kind, String vmid) {
        if (!Set.of("qemu", "lxc").contains(kind) || !vmid.matches("\\d{1,9}")) {
            return;
        }
        JsonNode config = read("/api2/json/nodes/" + node + "/" + kind + "/" + vmid + "/config?current=1", vmid);
        if (config != null) {
            targets.computeIfAbsent(vmid, t -> new TreeMap<>());
            object(vmid, "/nodes/" + node + "/" + kind + "/" + vmid + "/config", "", config);
        }
    }

    private void nodeFiles(String node) {
        String base = "/api2/json/nodes/" + node;
        JsonNode dns = read(base + "/dns", ConfigParser.NODE);
        JsonNode hosts = read(base + "/hosts", ConfigParser.NODE);
        JsonNode network = read(base + "/network", ConfigParser.NODE);
        JsonNode packages = read(base + "/apt/versions", ConfigParser.NODE);
        if (!uncovered.contains(ConfigParser.NODE)) {
            object(ConfigParser.NODE, "/nodes/" + node + "/dns", "", dns);
            put(ConfigParser.NODE, "/nodes/" + node + "/hosts", "", "data", hosts.path("data").asText(""));
            for (JsonNode iface : iterable(network)) {
                object(ConfigParser.NODE, "/nodes/" + node + "/network", iface.path("iface").asText(), iface);
            }
            for (JsonNode pkg : iterable(packages)) {
                put(ConfigParser.NODE, "/nodes/" + node + "/apt/versions", "", pkg.path("Package").asText(),
                        pkg.path("Version").asText(""));
            }
        }
    }

    private void shared() {
        JsonNode storages = read("/api2/json/storage", "storage:");
        for (JsonNode storage : storages == null ? List.<JsonNode>of() : iterable(storages)) {
            object("storage:" + storage.path("storage").asText(), "/storage", storage.path("storage").asText(),
                    storage);
        }
        JsonNode users = read("/api2/json/access/users", ConfigParser.SECURITY);
        JsonNode acl = read("/api2/json/access/acl", ConfigParser.SECURITY);
        if (!uncovered.contains(ConfigParser.SECURITY)) {
            for (JsonNode user : iterable(users)) {
                object(ConfigParser.SECURITY, "/access/users", user.path("userid").asText(), user);
            }
            for (JsonNode entry : iterable(acl)) {
                object(ConfigParser.SECURITY, "/access/acl", entry.path("path").asText() + " "
                        + entry.path("type").asText() + ":" + entry.path("ugid").asText() + " "
                        + entry.path("roleid").asText(), entry);
            }
        }
    }

    private ApiSnapshot snapshot() {
        for (String target : uncovered) {
            targets.remove(target);
        }
        return new ApiSnapshot(targets, uncovered, unreadable);
    }

    private JsonNode read(String path, String target) {
        JsonNode data = client.readable(path);
        if (data == null) {
            unreadable.add(path.replace("/api2/json", ""));
            uncovered.add(target);
        }
        return data;
    }

    private void object(String target, String file, String section, JsonNode object) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            // digest and lock are noise; a network item's active and exists are state, not configuration; the allowed
            // tags of /cluster/options are the caller's, and the errors of an HA item are computed, not configured
            if (!Set.of("digest", "lock", "active", "exists", "allowed-tags", "errors").contains(field.getKey())) {
                JsonNode value = field.getValue();
                put(target, file, section, field.getKey(), value.isValueNode() ? value.asText() : value.toString());
            }
        }
    }

    private void put(String target, String file, String section, String key, String value) {
        targets.computeIfAbsent(target, t -> new TreeMap<>()).put(new ConfigEntry(file, section, key, value).id(),
                value);
    }

    private static Iterable<JsonNode> iterable(JsonNode array) {
        return array == null || !array.isArray() ? List.of() : array;
    }
}
