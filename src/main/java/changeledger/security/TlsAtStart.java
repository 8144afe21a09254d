package changeledger.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.jboss.logging.Logger;

/** Says at start whether the service serves HTTPS, with which certificate, until when, and what plain HTTP does. */
@Singleton
public class TlsAtStart {

    private static final Logger LOG = Logger.getLogger(TlsAtStart.class);

    void log(@Observes StartupEvent start, TlsConfig tls) {
        if (tls.cert().isEmpty()) {
            LOG.info("No certificate configured (changeledger.tls.cert): plain HTTP only; put a TLS proxy in front or "
                    + "set CHANGELEDGER_TLS_CERT and CHANGELEDGER_TLS_KEY (docs/tls.md)");
            return;
        }
        String certificate = tls.cert().get().toString();
        try (InputStream in = Files.newInputStream(tls.cert().get())) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            certificate += " (" + cert.getSubjectX500Principal().getName() + ", valid until "
                    + cert.getNotAfter().toInstant() + ")";
        } catch (IOException | CertificateException | ClassCastException e) {
            certificate += " (not readable here: " + e.getMessage() + ")";
        }
        LOG.infof("HTTPS on port %d with %s; plain HTTP %s", tls.port(), certificate,
                tls.plainHttp().orElse("disabled"));
    }
}
