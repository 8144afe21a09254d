package changeledger.api;

import changeledger.domain.BodyTooLargeException;
import changeledger.domain.Fault;
import changeledger.domain.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reads a request's body within the upload limit, for every endpoint that takes a body whole. */
public final class RequestBody {

    private RequestBody() {
    }

    /**
     * Reads an upload's body into one array: of its declared length when it has one (a longer one is refused
     * before it is read), else grown as it arrives and refused as soon as it passes {@code maxBytes}. The
     * body is held once, not also in the growing buffers of a generic reader.
     *
     * @param declaredLength the {@code Content-Length}, or a negative number when none was declared
     * @throws BodyTooLargeException when the body is over {@code maxBytes}
     */
    public static byte[] read(InputStream in, long declaredLength, long maxBytes) throws IOException {
        if (declaredLength > maxBytes) {
            throw new BodyTooLargeException(declaredLength, maxBytes);
        }
        if (declaredLength >= 0) {
            byte[] body = new byte[Math.toIntExact(declaredLength)];
            if (in.readNBytes(body, 0, body.length) < body.length) {
                throw new IOException("the body ended before its declared length " + declaredLength);
            }
            if (in.read() >= 0) {
                throw new IOException("the body is longer than its declared length " + declaredLength);
            }
            return body;
        }
        byte[] body = new byte[64 * 1024];
        int length = 0;
        for (int read; (read = in.read(body, length, body.length - length)) >= 0; ) {
            length += read;
            if (length > maxBytes) {
                throw BodyTooLargeException.past(maxBytes);
            }
            if (length == body.length) {
                body = Arrays.copyOf(body, (int) Math.min(maxBytes + 1, 2L * body.length));
            }
        }
        return Arrays.copyOf(body, length);
    }

    /**
     * Reads a body of no declared length whole, refusing it with a 413 naming {@code limitName} as soon as it passes
     * {@code maxBytes}.
     */
    public static byte[] readWithin(InputStream in, long maxBytes, String limitName) throws IOException {
        byte[] body = new byte[(int) Math.min(8 * 1024, maxBytes + 1)];
        int length = 0;
        for (int read; (read = in.read(body, length, body.length - length)) >= 0; ) {
            length += read;
            if (length > maxBytes) {
                throw new ProblemException(Fault.of(413, "Body too large", "The body has more than " + maxBytes
                        + " bytes, the most accepted here (" + limitName + "). Send a smaller request."));
            }
            if (length == body.length) {
                body = Arrays.copyOf(body, (int) Math.min(maxBytes + 1, 2L * body.length));
            }
        }
        return Arrays.copyOf(body, length);
    }
}
