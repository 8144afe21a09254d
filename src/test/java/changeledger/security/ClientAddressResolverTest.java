package changeledger.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressResolverTest {

    private final ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.0/8", "::1"));

    @Test
    void givenUntrustedPeer_thenForwardedForIsIgnored() {
        assertThat(resolver.resolve("192.0.2.1", List.of("203.0.113.9"))).isEqualTo("192.0.2.1");
    }

    @Test
    void givenTrustedPeer_thenRightmostUntrustedHopIsTheClient() {
        assertThat(resolver.resolve("10.1.2.3", List.of("198.51.100.1, 203.0.113.9, 10.9.9.9")))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void givenIpv4MappedTrustedPeer_thenTrusted() {
        assertThat(resolver.resolve("::ffff:10.0.0.5", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
    }

    @Test
    void givenTrustedIpv6Peer_thenForwardedForUsed() {
        assertThat(resolver.resolve("0:0:0:0:0:0:0:1", List.of("2001:db8::5"))).isEqualTo("2001:db8::5");
    }

    @Test
    void givenGarbageInForwardedFor_thenItIsNotTrustedButReturnedAsGiven() {
        assertThat(resolver.resolve("10.0.0.1", List.of("not-an-ip"))).isEqualTo("not-an-ip");
    }

    @Test
    void givenInvalidConfiguration_thenStartupFailsNamingTheEntry() {
        assertThatThrownBy(() -> new ClientAddressResolver(List.of("proxy.example")))
                .hasMessageContaining("proxy.example");
    }
}
