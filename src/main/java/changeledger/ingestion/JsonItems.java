package changeledger.ingestion;

import changeledger.domain.BodyTooLargeException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The items of a task list body ({@code [...]} or {@code {"data": [...]}}), found in one streaming pass
 * that checks the whole body's syntax and kept as byte positions: an item becomes a tree only when its
 * chunk is read, so an upload holds its body once, not also a tree of every item.
 */
public final class JsonItems {

    /** What a task list body must be. */
    static final String SHAPE = "expected the task list of /api2/json/nodes/{node}/tasks: an array of tasks,"
            + " or an object whose 'data' is that array";

    private final ObjectMapper mapper;
    private final byte[] body;
    private final int size;
    /** Per item: its start and end, and the start and end of its 'upid' string (-1 without one). */
    private final int[] positions;

    private JsonItems(ObjectMapper mapper, byte[] body, int size, int[] positions) {
        this.mapper = mapper;
        this.body = body;
        this.size = size;
        this.positions = positions;
    }

    /**
     * Finds the items of a body that is valid UTF-8.
     *
     * @throws MalformedJsonBodyException when it is not JSON (checked before the shape)
     * @throws WrongJsonShapeException    when it is JSON but not a task list
     * @throws BodyTooLargeException      when its list has more than {@code maxItems} items (16 bytes each here)
     */
    static JsonItems of(ObjectMapper mapper, byte[] body, int maxItems) {
        try (JsonParser parser = mapper.getFactory().createParser(body)) {
            Finder finder = new Finder(parser, maxItems);
            JsonToken root = parser.nextToken();
            if (root == null) {
                throw new MalformedJsonBodyException("the body is empty");
            }
            boolean list = false;
            if (root == JsonToken.START_ARRAY) {
                finder.items();
                list = true;
            } else if (root == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    boolean data = "data".equals(parser.currentName());
                    JsonToken value = parser.nextToken();
                    if (data) {
                        // a repeated key counts as its last value, as in a tree
                        finder.clear();
                        list = value == JsonToken.START_ARRAY;
                    }
                    if (data && list) {
                        finder.items();
                    } else {
                        finder.skip();
                    }
                }
            } else {
                finder.skip();
            }
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new MalformedJsonBodyException("trailing token (" + trailing + ") after the JSON value"
                        + location(parser));
            }
            if (!list) {
                throw new WrongJsonShapeException(SHAPE);
            }
            return new JsonItems(mapper, body, finder.size, finder.positions);
        } catch (JsonProcessingException e) {
            throw MalformedJsonBodyException.of(e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a byte array failed", e);
        }
    }

    /** How many items the list has. */
    public int size() {
        return size;
    }

    /** Item {@code index} (from 0; its number in answers is {@code index + 1}) as a tree. */
    public JsonNode item(int index) {
        try {
            return mapper.readTree(body, positions[4 * index], positions[4 * index + 1] - positions[4 * index]);
        } catch (IOException e) {
            throw new IllegalStateException("an item that parsed in the first pass did not parse again", e);
        }
    }

    /**
     * Compares the {@code upid} strings of two items byte by byte as written (an item without one sorts
     * first). For UPIDs, which are ASCII, that is {@link String#compareTo} of their texts.
     */
    int compareUpids(int a, int b) {
        int aStart = positions[4 * a + 2];
        int bStart = positions[4 * b + 2];
        if (aStart < 0 || bStart < 0) {
            return Boolean.compare(aStart >= 0, bStart >= 0);
        }
        return Arrays.compareUnsigned(body, aStart, positions[4 * a + 3], body, bStart, positions[4 * b + 3]);
    }

    private static String location(JsonParser parser) {
        var at = parser.currentTokenLocation();
        return " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** Walks the parser and records item positions. */
    private static final class Finder {

        private final JsonParser parser;
        private final int maxItems;
        private int[] positions = new int[4 * 64];
        private int size;

        Finder(JsonParser parser, int maxItems) {
            this.parser = parser;
            this.maxItems = maxItems;
        }

        void clear() {
            size = 0;
        }

        /** Skips the current value (finishing a string, so the position after it is known). */
        void skip() throws IOException {
            parser.skipChildren();
            parser.finishToken();
        }

        /** Records the items of the array the parser is at the start of, up to its end. */
        void items() throws IOException {
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                int start = (int) parser.currentTokenLocation().getByteOffset();
                int upidStart = -1;
                int upidEnd = -1;
                if (token == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        boolean upid = "upid".equals(parser.currentName());
                        JsonToken value = parser.nextToken();
                        if (upid) {
                            // a repeated key counts as its last value, as in a tree
                            upidStart = -1;
                            upidEnd = -1;
                        }
                        if (upid && value == JsonToken.VALUE_STRING) {
                            upidStart = (int) parser.currentTokenLocation().getByteOffset() + 1;
                            parser.finishToken();
                            upidEnd = (int) parser.currentLocation().getByteOffset() - 1;
                        } else {
                            skip();
                        }
                    }
                } else {
                    skip();
                }
                int end = (int) parser.currentLocation().getByteOffset();
                if (size == maxItems) {
                    throw BodyTooLargeException.items(maxItems);
                }
                if (4 * size + 4 > positions.length) {
                    positions = Arrays.copyOf(positions, positions.length * 2);
                }
                positions[4 * size] = start;
                positions[4 * size + 1] = end;
                positions[4 * size + 2] = upidStart;
                positions[4 * size + 3] = upidEnd;
                size++;
            }
        }
    }
}
