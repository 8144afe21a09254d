package changeledger.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/**
 * The service serving HTTPS with a certificate from files, as an operator configures it ({@code changeledger.tls.cert}
 * and {@code .key}, everything else at its default: plain HTTP off), on a free port.
 */
public class TlsTestProfile implements QuarkusTestProfile {

    /** The certificates of this test run: made once per JVM, before the service starts. */
    public static TestCertificates certificates() {
        return TestCertificates.in(Path.of("target", "tls-test-" + ProcessHandle.current().pid(), "service")
                .toAbsolutePath(), "changeledger test CA");
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        TestCertificates certificates = certificates();
        return Map.of("changeledger.tls.cert", certificates.cert().toString(),
                "changeledger.tls.key", certificates.key().toString(),
                "quarkus.http.test-ssl-port", "0");
    }
}
