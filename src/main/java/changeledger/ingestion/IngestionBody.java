package changeledger.ingestion;

import changeledger.domain.BodyTooLargeException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Body-level checks of ingestion uploads, before any line is parsed: size, line count, JSON syntax (each
 * fault has its own exception and status; none stores anything), and the byte-level faults of each line
 * (length, UTF-8, control characters), which refuse that line only.
 */
public final class IngestionBody {

    /** The longest line accepted, in bytes (without its line end). */
    public static final int MAX_LINE_BYTES = 64 * 1024;

    /** Proxmox data varies by version: this reader takes any JSON and leaves the fields to the parser. */
    private static final ObjectMapper LENIENT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private IngestionBody() {
    }

    /**
     * The lines of a text body (split on LF, a CR before it dropped, a UTF-8 byte order mark at the start
     * dropped), checked but not decoded: see {@link BodyLines}. A line that is over {@link #MAX_LINE_BYTES},
     * not UTF-8, or holds a NUL or another control character (tab aside) is marked with its fault, to be
     * refused as a line: one bad line never refuses the body.
     *
     * @throws BodyTooLargeException when the body is over {@code maxBytes} or has more than {@code maxLines} lines
     */
    public static BodyLines lines(byte[] body, long maxBytes, int maxLines) {
        checkSize(body, maxBytes);
        int count = 0;
        for (int at = 0; at < body.length; at++) {
            if (body[at] == '\n' || at == body.length - 1) {
                count++;
                if (count > maxLines) {
                    throw BodyTooLargeException.lines(maxLines);
                }
            }
        }
        int[] starts = new int[count];
        int[] ends = new int[count];
        byte[] faults = new byte[count];
        CharsetDecoder utf8 = strictUtf8();
        CharBuffer scratch = CharBuffer.allocate(8 * 1024);
        int start = 0;
        for (int line = 0; line < count; line++) {
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            int length = end - start;
            if (length > 0 && body[end - 1] == '\r') {
                length--;
            }
            int from = line == 0 && length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB
                    && (body[2] & 0xFF) == 0xBF ? 3 : start;
            starts[line] = from;
            ends[line] = start + length;
            faults[line] = length > MAX_LINE_BYTES ? BodyLines.TOO_LONG : fault(body, from, start + length, utf8,
                    scratch);
            start = end + 1;
        }
        return new BodyLines(body, starts, ends, faults);
    }

    /** The fault of the bytes {@code from..to} as a line, or {@link BodyLines#GOOD}. */
    private static byte fault(byte[] body, int from, int to, CharsetDecoder utf8, CharBuffer scratch) {
        boolean nonAscii = false;
        for (int at = from; at < to; at++) {
            int b = body[at] & 0xFF;
            if (b == 0) {
                return BodyLines.NUL;
            }
            if ((b < 0x20 && b != '\t') || b == 0x7F) {
                return BodyLines.CONTROL;
            }
            nonAscii |= b >= 0x80;
        }
        if (!nonAscii) {
            return BodyLines.GOOD;
        }
        if (!isUtf8(utf8, scratch, ByteBuffer.wrap(body, from, to - from))) {
            return BodyLines.NOT_UTF8;
        }
        for (int at = from; at < to - 1; at++) {
            // U+0080..U+009F (C1 controls) are C2 80..C2 9F in UTF-8
            if ((body[at] & 0xFF) == 0xC2 && (body[at + 1] & 0xFF) < 0xA0) {
                return BodyLines.CONTROL;
            }
        }
        return BodyLines.GOOD;
    }

    /**
     * The items of a task list body ({@code [...]} or {@code {"data": [...]}}), read leniently (unknown
     * fields are the parser's business) and kept as positions in the body: see {@link JsonItems}.
     *
     * @throws BodyTooLargeException      when the body is over {@code maxBytes} or has more than {@code maxItems} items
     * @throws BodyNotUtf8Exception       when it is not valid UTF-8
     * @throws MalformedJsonBodyException when it is not JSON
     * @throws WrongJsonShapeException    when it is JSON but not a task list
     */
    public static JsonItems taskList(byte[] body, long maxBytes, int maxItems) {
        checkSize(body, maxBytes);
        if (!isUtf8(strictUtf8(), CharBuffer.allocate(8 * 1024), ByteBuffer.wrap(body))) {
            throw new BodyNotUtf8Exception(0);
        }
        return JsonItems.of(LENIENT, body, maxItems);
    }

    /**
     * A body that is one JSON value, as a tree.
     *
     * @throws BodyTooLargeException      when the body is over {@code maxBytes}
     * @throws BodyNotUtf8Exception       when it is not valid UTF-8
     * @throws MalformedJsonBodyException when it is not JSON
     */
    public static JsonNode json(byte[] body, long maxBytes) {
        checkSize(body, maxBytes);
        if (!isUtf8(strictUtf8(), CharBuffer.allocate(8 * 1024), ByteBuffer.wrap(body))) {
            throw new BodyNotUtf8Exception(0);
        }
        try {
            JsonNode tree = LENIENT.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw new MalformedJsonBodyException("the body is empty");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw MalformedJsonBodyException.of(e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a byte array failed", e);
        }
    }

    /** {@link #taskList(byte[], long, int)} without a limit on the items (data read by the service itself). */
    static JsonItems taskList(byte[] body, long maxBytes) {
        return taskList(body, maxBytes, Integer.MAX_VALUE);
    }

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Whether {@code bytes} are valid UTF-8; decodes them piece by piece into {@code scratch}, keeping nothing. */
    private static boolean isUtf8(CharsetDecoder utf8, CharBuffer scratch, ByteBuffer bytes) {
        utf8.reset();
        CoderResult result;
        do {
            scratch.clear();
            result = utf8.decode(bytes, scratch, true);
            if (result.isError()) {
                return false;
            }
        } while (result.isOverflow());
        scratch.clear();
        return !utf8.flush(scratch).isError();
    }

    private static void checkSize(byte[] body, long maxBytes) {
        if (body.length > maxBytes) {
            throw new BodyTooLargeException(body.length, maxBytes);
        }
    }
}
