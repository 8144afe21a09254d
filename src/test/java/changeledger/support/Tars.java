package changeledger.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Builds ustar archives as {@code tar -c} writes them (512-byte headers, octal fields, two zero blocks at the end). */
public final class Tars {

    private Tars() {
    }

    /** A tar of the files (path to UTF-8 text), in map order. */
    public static byte[] of(Map<String, String> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        files.forEach((path, text) -> entry(out, path, text.getBytes(StandardCharsets.UTF_8), '0'));
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    /** A tar of one entry of raw bytes and a type flag ({@code '0'} file, {@code '2'} symlink, {@code '5'} dir). */
    public static byte[] raw(String path, byte[] content, char type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        entry(out, path, content, type);
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    /** The bytes gzipped. */
    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void entry(ByteArrayOutputStream out, String path, byte[] content, char type) {
        byte[] header = new byte[512];
        put(header, 0, path, 100);
        put(header, 100, "0000644", 8);
        put(header, 108, "0000000", 8);
        put(header, 116, "0000000", 8);
        put(header, 124, String.format("%011o", content.length), 12);
        put(header, 136, String.format("%011o", 1_764_000_000L), 12);
        header[156] = (byte) type;
        put(header, 257, "ustar", 6);
        put(header, 263, "00", 2);
        put(header, 265, "root", 32);
        put(header, 297, "root", 32);
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xFF;
        }
        put(header, 148, String.format("%06o", sum) + "\0 ", 8);
        out.writeBytes(header);
        out.writeBytes(content);
        out.writeBytes(new byte[(512 - content.length % 512) % 512]);
    }

    private static void put(byte[] header, int at, String text, int length) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, header, at, Math.min(bytes.length, length));
    }
}
