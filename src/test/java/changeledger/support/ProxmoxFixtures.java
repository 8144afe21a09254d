package changeledger.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files under {@code src/test/resources/proxmox/}, written to the formats Proxmox's own sources define (each
 * folder's README cites them).
 */
public final class ProxmoxFixtures {

    private ProxmoxFixtures() {
    }

    /** A fixture's text, {@code path} relative to {@code proxmox/}, e.g. {@code tasks/active}. */
    public static String text(String path) {
        try (InputStream in = ProxmoxFixtures.class.getResourceAsStream("/proxmox/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture proxmox/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A node's files as the collector tars them: {@link PveFiles#node()} with its guests replaced by the guest
     * configs of {@code proxmox/guest-configs/<state>/} ({@code taken} or {@code restarted}).
     */
    public static Map<String, String> nodeWithGuests(String state) {
        Map<String, String> files = new LinkedHashMap<>(PveFiles.node());
        files.keySet().removeIf(path -> path.startsWith("etc/pve/qemu-server/") || path.startsWith("etc/pve/lxc/"));
        for (String guest : new String[] {"etc/pve/qemu-server/110.conf", "etc/pve/lxc/111.conf"}) {
            files.put(guest, text("guest-configs/" + state + "/" + guest));
        }
        return files;
    }
}
