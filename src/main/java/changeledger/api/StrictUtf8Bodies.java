package changeledger.api;

import changeledger.domain.Fault;
import changeledger.domain.ProblemException;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * JSON and text bodies that the service reads whole (its own request bodies, the body of a change request's step)
 * must be well-formed UTF-8: Jackson decodes an overlong form ({@code C0 AF} for {@code /}) without complaint, and a
 * text reader replaces a bad byte with U+FFFD, so either would store other text than the caller sent. A body that is
 * not UTF-8 is a 400 naming the byte. Uploads read as a stream ({@link InputStream} parameters: the ingestion
 * endpoints) check their bytes line by line themselves and are left alone. Bodies are held once, within
 * {@code changeledger.limits.json-body-bytes}.
 */
@Provider
public class StrictUtf8Bodies implements ReaderInterceptor {

    /** Looked up on use: interceptors are built before the configuration mappings are. */
    private final Instance<LimitsConfig> limits;

    /** Reads the limits when a body arrives. */
    public StrictUtf8Bodies(Instance<LimitsConfig> limits) {
        this.limits = limits;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Class<?> type = context.getType();
        if (InputStream.class.isAssignableFrom(type) || type == byte[].class || !textual(context.getMediaType())) {
            return context.proceed();
        }
        byte[] body = RequestBody.readWithin(context.getInputStream(), limits.get().jsonBodyBytes(),
                "changeledger.limits.json-body-bytes");
        int bad = firstMalformed(body);
        if (bad >= 0) {
            throw new ProblemException(Fault.of(400, "Body is not UTF-8", "The body is not well-formed UTF-8 at "
                    + "byte " + bad + " (0x" + String.format(Locale.ROOT, "%02X", body[bad] & 0xFF) + "): send JSON encoded as "
                    + "UTF-8."));
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    private static boolean textual(MediaType type) {
        return type == null || type.isWildcardType() || type.getSubtype().equals("json")
                || type.getSubtype().endsWith("+json") || type.getType().equals("text");
    }

    /** The offset of the first byte that is not well-formed UTF-8, or -1 when every byte is. */
    static int firstMalformed(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CoderResult result = decoder.decode(in, CharBuffer.allocate(body.length), true);
        return result.isError() ? in.position() : -1;
    }
}
