package changeledger.ingestion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Body-level checks of ingestion uploads, before any line is parsed: size, UTF-8, line length, JSON
 * syntax. Each fault has its own exception (and status); none stores anything.
 */
public final class IngestionBody {

    /** The longest line accepted, in bytes (without its line end). */
    public static final int MAX_LINE_BYTES = 64 * 1024;

    /** Proxmox data varies by version: this reader takes any JSON and leaves the shape to the parser. */
    private static final ObjectMapper LENIENT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private IngestionBody() {
    }

    /**
     * The lines of a text body (split on LF, a CR before it dropped).
     *
     * @throws BodyTooLargeException  when the body is over {@code maxBytes}
     * @throws LineTooLongException   when a line is over {@link #MAX_LINE_BYTES}
     * @throws BodyNotUtf8Exception   when a line is not valid UTF-8
     */
    public static List<String> lines(byte[] body, long maxBytes) {
        checkSize(body, maxBytes);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < body.length) {
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            int length = end - start;
            if (length > 0 && body[end - 1] == '\r') {
                length--;
            }
            if (length > MAX_LINE_BYTES) {
                throw new LineTooLongException(lines.size() + 1, length);
            }
            try {
                lines.add(utf8.decode(ByteBuffer.wrap(body, start, length)).toString());
            } catch (CharacterCodingException e) {
                throw new BodyNotUtf8Exception(lines.size() + 1);
            }
            start = end + 1;
        }
        if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
            lines.set(0, lines.get(0).substring(1));
        }
        return lines;
    }

    /**
     * A JSON body as a tree, read leniently (unknown fields are the parser's business).
     *
     * @throws BodyTooLargeException      when the body is over {@code maxBytes}
     * @throws BodyNotUtf8Exception       when it is not valid UTF-8
     * @throws MalformedJsonBodyException when it is not JSON
     */
    public static JsonNode json(byte[] body, long maxBytes) {
        checkSize(body, maxBytes);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new BodyNotUtf8Exception(0);
        }
        try {
            JsonNode root = LENIENT.readTree(text);
            if (root == null || root.isMissingNode()) {
                throw new MalformedJsonBodyException("the body is empty");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new MalformedJsonBodyException(e.getOriginalMessage() + (e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        }
    }

    private static void checkSize(byte[] body, long maxBytes) {
        if (body.length > maxBytes) {
            throw new BodyTooLargeException(body.length, maxBytes);
        }
    }
}
