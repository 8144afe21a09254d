package changeledger.security;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns {@code changeledger.tls.cert} and {@code .key} into a named TLS registry configuration bound to the HTTP
 * server, with the HTTPS port and what plain HTTP does ({@link TlsConfig}). Without them it adds nothing, so the
 * service serves plain HTTP as before. Its source has a low ordinal: a {@code quarkus.*} key set anywhere wins.
 */
public class TlsConfigSourceFactory implements ConfigSourceFactory {

    /** The TLS registry configuration the HTTP server uses. */
    static final String NAME = "https";
    static final String CERT = "changeledger.tls.cert";
    static final String KEY = "changeledger.tls.key";
    static final String PORT = "changeledger.tls.port";
    static final String PLAIN_HTTP = "changeledger.tls.plain-http";
    private static final List<String> PLAIN_HTTP_VALUES = List.of("disabled", "redirect", "enabled");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        return List.of(new PropertiesConfigSource(properties(context), "changeledger-tls", 200));
    }

    /** The Quarkus keys for the {@code changeledger.tls.*} values in {@code context}; empty without a certificate. */
    static Map<String, String> properties(ConfigSourceContext context) {
        String cert = value(context, CERT);
        String key = value(context, KEY);
        Map<String, String> properties = new LinkedHashMap<>();
        if (cert == null && key == null) {
            return properties;
        }
        if (cert == null || key == null) {
            throw new IllegalArgumentException("HTTPS needs both " + CERT + " and " + KEY
                    + " (env CHANGELEDGER_TLS_CERT and CHANGELEDGER_TLS_KEY, PEM files); only "
                    + (cert == null ? KEY : CERT) + " is set");
        }
        readable(CERT, cert);
        readable(KEY, key);
        String plainHttp = value(context, PLAIN_HTTP);
        plainHttp = plainHttp == null ? "disabled" : plainHttp.toLowerCase(Locale.ROOT);
        if (!PLAIN_HTTP_VALUES.contains(plainHttp)) {
            throw new IllegalArgumentException(PLAIN_HTTP + " (env CHANGELEDGER_TLS_PLAIN_HTTP) must be one of "
                    + PLAIN_HTTP_VALUES + ", not '" + plainHttp + "'");
        }
        String port = value(context, PORT);
        properties.put("quarkus.tls." + NAME + ".key-store.pem.service.cert", cert);
        properties.put("quarkus.tls." + NAME + ".key-store.pem.service.key", key);
        properties.put("quarkus.http.tls-configuration-name", NAME);
        properties.put("quarkus.http.ssl-port", port == null ? "8443" : port);
        properties.put("quarkus.http.insecure-requests", plainHttp);
        return properties;
    }

    private static void readable(String name, String file) {
        if (!Files.isReadable(Path.of(file)) || Files.isDirectory(Path.of(file))) {
            throw new IllegalArgumentException(name + ": '" + file + "' is not a readable file (the service runs as "
                    + System.getProperty("user.name") + ")");
        }
    }

    private static String value(ConfigSourceContext context, String key) {
        ConfigValue value = context.getValue(key);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue().trim();
    }
}
