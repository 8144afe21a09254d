package changeledger.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** The client address of a request: the peer, or X-Forwarded-For when the peer is a trusted proxy. */
@ApplicationScoped
public class ClientAddressResolver {

    private final List<Range> trusted;

    /** Reads {@code changeledger.trusted-proxies}. */
    @Inject
    public ClientAddressResolver(SecurityConfig config) {
        this(config.trustedProxies().orElse(List.of()));
    }

    ClientAddressResolver(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(String::trim).filter(s -> !s.isEmpty()).map(Range::parse).toList();
    }

    /**
     * Resolves the client: walking X-Forwarded-For from the right, the first address that is not a
     * trusted proxy; only when the peer itself is trusted.
     */
    public String resolve(String peer, List<String> forwardedFor) {
        if (peer == null || !isTrusted(peer) || forwardedFor == null || forwardedFor.isEmpty()) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        forwardedFor.forEach(h -> {
            for (String part : h.split(",")) {
                if (!part.isBlank()) {
                    hops.add(part.trim());
                }
            }
        });
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!isTrusted(hops.get(i))) {
                return hops.get(i);
            }
        }
        return hops.isEmpty() ? peer : hops.get(0);
    }

    /** Whether {@code peer} is one of {@code changeledger.trusted-proxies}. */
    public boolean isTrustedProxy(String peer) {
        return peer != null && isTrusted(peer);
    }

    private boolean isTrusted(String address) {
        byte[] bytes = bytes(address);
        return bytes != null && trusted.stream().anyMatch(r -> r.contains(bytes));
    }

    private static byte[] bytes(String address) {
        if (address == null || !address.matches("[0-9A-Fa-f:.]+")) {
            return null;
        }
        try {
            byte[] raw = InetAddress.getByName(address).getAddress();
            return unmapIpv4(raw);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] unmapIpv4(byte[] raw) {
        if (raw.length == 16) {
            boolean mapped = raw[10] == (byte) 0xff && raw[11] == (byte) 0xff;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = raw[i] == 0;
            }
            if (mapped) {
                return new byte[] {raw[12], raw[13], raw[14], raw[15]};
            }
        }
        return raw;
    }

    private record Range(byte[] network, int prefix) {

        static Range parse(String text) {
            String[] parts = text.split("/", 2);
            byte[] network = bytes(parts[0]);
            if (network == null) {
                throw new IllegalArgumentException("changeledger.trusted-proxies: '" + text
                        + "' is not an IP address or CIDR range");
            }
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
            return new Range(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int bits = network.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
            return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
        }
    }
}
