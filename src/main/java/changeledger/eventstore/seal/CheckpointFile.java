package changeledger.eventstore.seal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The checkpoint file kept outside the database: one JSON object a line, {@code position}, {@code eventPosition},
 * {@code hash}, {@code at} (when the link was written) and {@code exportedAt}, the last line the newest (ADR 0056).
 * The same shape as {@code GET /api/v1/events/checkpoint}, so a saved answer of it is a valid line too.
 */
public final class CheckpointFile {

    /** How much of the file's end is read to find its last line; lines are about 200 bytes. */
    private static final int TAIL_BYTES = 64 * 1024;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** A checkpoint read from the file and its line as written. */
    public record Line(Checkpoint checkpoint, String text) {
    }

    private CheckpointFile() {
    }

    /** The JSON line of a checkpoint exported at {@code exportedAt} (without the line break). */
    public static String line(Checkpoint checkpoint, Instant exportedAt) {
        return "{\"position\":" + checkpoint.position() + ",\"eventPosition\":" + checkpoint.eventPosition()
                + ",\"hash\":\"" + checkpoint.hash() + "\""
                + (checkpoint.at() == null ? "" : ",\"at\":\"" + checkpoint.at() + "\"")
                + ",\"exportedAt\":\"" + exportedAt + "\"}";
    }

    /**
     * Appends the checkpoint's line and forces it to the disk (and the directory entry when it created the file). A
     * last line a crash left without its line break is ended first, so the new line stays whole.
     */
    public static void append(Path file, Checkpoint checkpoint, Instant exportedAt) throws IOException {
        boolean created = !Files.exists(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            StringBuilder text = new StringBuilder();
            if (!created && channel.size() > 0 && !endsWithNewline(file)) {
                text.append('\n');
            }
            text.append(line(checkpoint, exportedAt)).append('\n');
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        if (created && file.toAbsolutePath().getParent() != null) {
            try (FileChannel directory = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
                directory.force(true);
            } catch (IOException e) {
                // some file systems cannot sync a directory; the line itself is on the disk
            }
        }
    }

    /**
     * The newest checkpoint in the file: its last line that is a checkpoint (a line a crash cut short is passed
     * over); empty when the file has none.
     *
     * @throws IOException when the file cannot be read (also when it is missing)
     */
    public static Optional<Line> last(Path file) throws IOException {
        String[] lines = tail(file).split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            Optional<Checkpoint> checkpoint = parse(lines[i].trim());
            if (checkpoint.isPresent()) {
                return Optional.of(new Line(checkpoint.get(), lines[i].trim()));
            }
        }
        return Optional.empty();
    }

    /** One line as a checkpoint: a JSON object with a seal {@code position} of 1 or more and a 64-hex {@code hash}. */
    static Optional<Checkpoint> parse(String line) {
        if (line.isEmpty() || line.charAt(0) != '{') {
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(line);
            JsonNode position = node.get("position");
            JsonNode hash = node.get("hash");
            if (position == null || !position.canConvertToLong() || position.asLong() < 1 || hash == null
                    || !hash.isTextual() || !hash.asText().matches("[0-9a-fA-F]{64}")) {
                return Optional.empty();
            }
            JsonNode at = node.get("at");
            return Optional.of(new Checkpoint(position.asLong(), node.path("eventPosition").asLong(0),
                    hash.asText().toLowerCase(), at == null || !at.isTextual() ? null : Instant.parse(at.asText())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String tail(Path file) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long start = Math.max(0, length - TAIL_BYTES);
            byte[] bytes = new byte[(int) (length - start)];
            in.seek(start);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            if (in.length() == 0) {
                return true;
            }
            in.seek(in.length() - 1);
            return in.read() == '\n';
        }
    }
}
