package changeledger.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature the service puts on what it sends out (alert webhooks, exported checkpoints) when a secret is
 * configured: HMAC-SHA256 of the exact body bytes, written as {@code sha256=<lower-case hex>}, so that a receiver
 * holding the same secret can tell the body came from this service unchanged.
 */
public final class Hmac {

    /** The header that carries the signature. */
    public static final String SIGNATURE_HEADER = "X-Changeledger-Signature";

    private Hmac() {
    }

    /** The header's value for {@code body} under {@code secret}: {@code sha256=} and the HMAC-SHA256 in hex. */
    public static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
