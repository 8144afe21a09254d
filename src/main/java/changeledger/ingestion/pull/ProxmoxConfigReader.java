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

    /** Reads everything it can of the node. */
    ApiSnapshot read(String node) {
        String base = "/api2/json/nodes/" + node;
        for (String kind : List.of("qemu", "lxc")) {
            JsonNode guests = read(base + "/" + kind, "*");
            for (JsonNode guest : guests == null ? List.<JsonNode>of() : iterable(guests)) {
                String vmid = guest.path("vmid").asText();
                JsonNode config = read(base + "/" + kind + "/" + vmid + "/config?current=1", vmid);
                if (config != null) {
                    targets.computeIfAbsent(vmid, t -> new TreeMap<>());
                    object(vmid, "/nodes/" + node + "/" + kind + "/" + vmid + "/config", "", config);
                }
            }
        }
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
            // digest and lock are noise; a network item's active and exists are state, not configuration
            if (!Set.of("digest", "lock", "active", "exists").contains(field.getKey())) {
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
