package changeledger.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The service's own HTTPS (ADR 0058). {@link TlsConfigSourceFactory} reads these keys before the application starts
 * and turns them into the Quarkus TLS registry and HTTP settings; this mapping documents and validates them.
 */
@ConfigMapping(prefix = "changeledger.tls")
public interface TlsConfig {

    /** PEM file with the server certificate (and its chain); with {@code key}, the service serves HTTPS. */
    Optional<Path> cert();

    /** PEM file with the certificate's private key (PKCS#8 or PKCS#1, unencrypted). */
    Optional<Path> key();

    /** The HTTPS port. */
    @WithDefault("8443")
    int port();

    /**
     * Plain HTTP while HTTPS is on: {@code disabled} (the default: the plain port is not opened), {@code redirect}
     * (answered with a redirect to HTTPS) or {@code enabled}. Without a certificate, plain HTTP is all there is.
     */
    Optional<String> plainHttp();
}
