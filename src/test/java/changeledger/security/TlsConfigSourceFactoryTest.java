package changeledger.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code changeledger.tls.*} turns into, and the settings it refuses before the service starts. */
class TlsConfigSourceFactoryTest {

    @TempDir
    Path dir;

    @Test
    void givenNoCertificate_whenConfigured_thenNothingIsAddedAndPlainHttpStays() {
        assertThat(TlsConfigSourceFactory.properties(context(Map.of()))).isEmpty();
    }

    @Test
    void givenCertificateAndKey_whenConfigured_thenTheHttpServerUsesThemOn8443WithPlainHttpOff() throws IOException {
        Map<String, String> properties = TlsConfigSourceFactory.properties(context(Map.of(
                "changeledger.tls.cert", file("cert.pem"), "changeledger.tls.key", file("key.pem"))));

        assertThat(properties).containsEntry("quarkus.tls.https.key-store.pem.service.cert", file("cert.pem"))
                .containsEntry("quarkus.tls.https.key-store.pem.service.key", file("key.pem"))
                .containsEntry("quarkus.http.tls-configuration-name", "https")
                .containsEntry("quarkus.http.ssl-port", "8443")
                .containsEntry("quarkus.http.insecure-requests", "disabled");
    }

    @Test
    void givenPortAndRedirect_whenConfigured_thenBothAreUsed() throws IOException {
        Map<String, String> properties = TlsConfigSourceFactory.properties(context(Map.of(
                "changeledger.tls.cert", file("cert.pem"), "changeledger.tls.key", file("key.pem"),
                "changeledger.tls.port", "443", "changeledger.tls.plain-http", "Redirect")));

        assertThat(properties).containsEntry("quarkus.http.ssl-port", "443")
                .containsEntry("quarkus.http.insecure-requests", "redirect");
    }

    @Test
    void givenACertificateWithoutKey_whenConfigured_thenTheStartFailsNamingTheMissingKey() throws IOException {
        ConfigSourceContext context = context(Map.of("changeledger.tls.cert", file("cert.pem")));

        assertThatThrownBy(() -> TlsConfigSourceFactory.properties(context))
                .hasMessageContaining("needs both").hasMessageContaining("only changeledger.tls.cert is set");
    }

    @Test
    void givenAKeyFileThatIsNotThere_whenConfigured_thenTheStartFailsNamingIt() throws IOException {
        String missing = dir.resolve("nope.pem").toString();
        ConfigSourceContext context = context(Map.of("changeledger.tls.cert", file("cert.pem"),
                "changeledger.tls.key", missing));

        assertThatThrownBy(() -> TlsConfigSourceFactory.properties(context))
                .hasMessageContaining("changeledger.tls.key: '" + missing + "' is not a readable file");
    }

    @Test
    void givenAnUnknownPlainHttpMode_whenConfigured_thenTheStartFailsListingTheModes() throws IOException {
        ConfigSourceContext context = context(Map.of("changeledger.tls.cert", file("cert.pem"),
                "changeledger.tls.key", file("key.pem"), "changeledger.tls.plain-http", "off"));

        assertThatThrownBy(() -> TlsConfigSourceFactory.properties(context))
                .hasMessageContaining("[disabled, redirect, enabled], not 'off'");
    }

    private String file(String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            Files.writeString(file, "-----BEGIN X-----\n");
        }
        return file.toString();
    }

    private static ConfigSourceContext context(Map<String, String> values) {
        return new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                return ConfigValue.builder().withName(name).withValue(values.get(name)).build();
            }

            @Override
            public Iterator<String> iterateNames() {
                return values.keySet().iterator();
            }
        };
    }
}
