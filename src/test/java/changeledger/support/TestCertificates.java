package changeledger.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway certificate authority and a server certificate it signed for {@code localhost} and 127.0.0.1, made with
 * the JDK's keytool and written as PEM files as an operator would hand them to the service.
 *
 * @param ca the CA certificate (what a collector pins with {@code CHANGELEDGER_CA_FILE})
 * @param cert the server certificate
 * @param key the server's private key (PKCS#8)
 * @param caStore a PKCS12 trust store holding the CA, password {@link #PASSWORD}
 * @param publicKeyPin {@code sha256//<base64>} of the server's public key, for {@code CHANGELEDGER_PINNED_KEY}
 */
public record TestCertificates(Path ca, Path cert, Path key, Path caStore, String publicKeyPin) {

    /** The password of every store made here. */
    public static final String PASSWORD = "changeit";

    /** The CA and server certificate in {@code directory}, made there first when it holds none. */
    public static synchronized TestCertificates in(Path directory, String caName) {
        try {
            if (!Files.exists(directory.resolve("trust.p12"))) {
                make(directory, caName);
            }
            Certificate leaf;
            try (InputStream in = Files.newInputStream(directory.resolve("server.crt"))) {
                leaf = CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            byte[] spki = MessageDigest.getInstance("SHA-256").digest(leaf.getPublicKey().getEncoded());
            return new TestCertificates(directory.resolve("ca.crt"), directory.resolve("server.crt"),
                    directory.resolve("server.key"), directory.resolve("trust.p12"),
                    "sha256//" + Base64.getEncoder().encodeToString(spki));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("could not make test certificates in " + directory, e);
        }
    }

    private static void make(Path directory, String caName) throws IOException, java.security.GeneralSecurityException {
        Files.createDirectories(directory);
        Path caStore = directory.resolve("ca.p12");
        Path serverStore = directory.resolve("server.p12");
        Path csr = directory.resolve("server.csr");
        Path cert = directory.resolve("server.crt");
        Path ca = directory.resolve("ca.crt");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + caName,
                "-ext", "bc:c", "-ext", "ku:c=keyCertSign,cRLSign", "-validity", "30", "-keystore", caStore);
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-validity", "30", "-keystore", serverStore);
        keytool("-certreq", "-alias", "server", "-keystore", serverStore, "-file", csr);
        keytool("-gencert", "-alias", "ca", "-keystore", caStore, "-infile", csr, "-outfile", cert, "-rfc",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-ext", "ku:c=digitalSignature",
                "-ext", "eku=serverAuth", "-validity", "30");
        keytool("-exportcert", "-alias", "ca", "-keystore", caStore, "-rfc", "-file", ca);
        KeyStore server = load(serverStore);
        PrivateKey privateKey = (PrivateKey) server.getKey("server", PASSWORD.toCharArray());
        Path key = directory.resolve("server.key");
        Files.writeString(key, pem("PRIVATE KEY", privateKey.getEncoded()));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", load(caStore).getCertificate("ca"));
        Path trustStore = directory.resolve("trust.p12");
        try (var out = Files.newOutputStream(trustStore)) {
            trust.store(out, PASSWORD.toCharArray());
        }
    }

    private static KeyStore load(Path store) throws IOException, java.security.GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        return keys;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static void keytool(Object... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-noprompt", "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
        for (Object argument : arguments) {
            command.add(argument.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: "
                        + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while keytool ran", e);
        }
    }
}
