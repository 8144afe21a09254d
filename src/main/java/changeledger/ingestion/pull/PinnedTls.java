package changeledger.ingestion.pull;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS for a Proxmox node: either the node certificate's pinned SHA-256 fingerprint (as Proxmox's
 * own clients do) or a CA file. Verification is never switched off.
 */
public final class PinnedTls {

    private PinnedTls() {
    }

    /** An SSL context for one host's API. */
    public static SSLContext context(ProxmoxPullConfig.HostApi api, String hostId) {
        return context(api, "changeledger.proxmox.hosts." + hostId, "host " + hostId);
    }

    /**
     * An SSL context for an API configured under {@code configKey}: its {@code fingerprint} (one, or several separated
     * by commas: a cluster's nodes each have their own certificate) or its {@code ca-file}.
     */
    static SSLContext context(ProxmoxPullConfig.HostApi api, String configKey, String what) {
        try {
            TrustManager trust;
            if (api.fingerprint().isPresent()) {
                java.util.Set<String> pins = new java.util.LinkedHashSet<>();
                for (String pin : api.fingerprint().get().split(",")) {
                    pins.add(normalise(pin, configKey));
                }
                trust = new FingerprintTrustManager(pins);
            } else if (api.caFile().isPresent()) {
                trust = caTrust(Path.of(api.caFile().get()));
            } else {
                throw new IllegalStateException(configKey + " needs a fingerprint "
                        + "(SHA-256 of the node certificate, AA:BB:...) or a ca-file; TLS is never unverified.");
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("TLS setup for " + what + " failed: " + e.getMessage(), e);
        }
    }

    /** The SHA-256 fingerprint of a certificate as Proxmox shows it (upper-case hex pairs with colons). */
    public static String fingerprint(X509Certificate certificate) throws CertificateException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new CertificateException(e);
        }
    }

    static String normalise(String fingerprint, String configKey) {
        String hex = fingerprint.replace(":", "").trim().toUpperCase(Locale.ROOT);
        if (!hex.matches("[0-9A-F]{64}")) {
            throw new IllegalStateException(configKey + ".fingerprint must be a SHA-256 "
                    + "fingerprint: 32 hex pairs separated by ':' (several separated by ',').");
        }
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(HexFormat.of().parseHex(hex));
    }

    private static TrustManager caTrust(Path caFile) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            int i = 0;
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers()[0];
    }

    /** Trusts exactly the pinned leaf certificates; the pin replaces chain and host name checks. */
    static final class FingerprintTrustManager extends X509ExtendedTrustManager {
        private final java.util.Set<String> expected;

        FingerprintTrustManager(java.util.Set<String> expected) {
            this.expected = java.util.Set.copyOf(expected);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the server sent no certificate");
            }
            String actual = fingerprint(chain[0]);
            boolean pinned = false;
            for (String pin : expected) {
                pinned |= MessageDigest.isEqual(actual.getBytes(), pin.getBytes());
            }
            if (!pinned) {
                throw new CertificateException("certificate fingerprint " + actual + " does not match the pinned "
                        + String.join(", ", new java.util.TreeSet<>(expected)));
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
