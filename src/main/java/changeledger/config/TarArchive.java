package changeledger.config;

import changeledger.domain.Fault;
import changeledger.domain.ProblemException;
import changeledger.domain.BodyTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads a snapshot: a POSIX (ustar or GNU) tar, or gzip of one, of regular files at the documented paths, each UTF-8.
 * Directories are skipped; any other entry, an unknown path, a path under {@code etc/pve/priv/}, a file that is not
 * UTF-8, or a body that is not a tar is a 400 problem; a body (or its gunzipped form) over the limit is a 413.
 */
public final class TarArchive {

    private static final int BLOCK = 512;

    private TarArchive() {
    }

    /** The files of the archive, path to text, in archive order. */
    public static Map<String, String> files(byte[] body, long maxBytes) {
        byte[] tar = body.length >= 2 && (body[0] & 0xFF) == 0x1F && (body[1] & 0xFF) == 0x8B ? gunzip(body, maxBytes)
                : body;
        Map<String, String> files = new LinkedHashMap<>();
        String longName = null;
        int at = 0;
        while (true) {
            if (at + BLOCK > tar.length) {
                throw refused("The body ends inside a tar header; send the output of 'tar -c' (or 'tar -cz').");
            }
            if (zero(tar, at)) {
                return files;
            }
            checkSum(tar, at);
            long size = size(tar, at);
            byte type = tar[at + 156];
            int data = at + BLOCK;
            if (size < 0 || data + size > tar.length) {
                throw refused("A tar entry's size runs past the end of the body; the archive is cut short.");
            }
            String name = longName != null ? longName : name(tar, at);
            longName = null;
            at = data + (int) ((size + BLOCK - 1) / BLOCK * BLOCK);
            if (type == 'L') {
                longName = text(tar, data, (int) size, "a long name").replace("\0", "");
                continue;
            }
            if (type == 'x' || type == 'g') {
                continue; // pax attributes: only the path matters, and the paths a snapshot holds are short
            }
            String path = name.startsWith("./") ? name.substring(2) : name;
            if (path.startsWith("etc/pve/priv/") || path.equals("etc/pve/priv")) {
                throw refused("'" + path + "' is under etc/pve/priv/: secrets are never sent; leave that "
                        + "directory out of the archive.");
            }
            if (type == '5') {
                continue;
            }
            if ((type != '0' && type != 0) || ConfigKind.of(path).isEmpty()) {
                throw refused("'" + path + "' is not a file a snapshot may hold; send regular files at "
                        + ConfigKind.documented() + ".");
            }
            if (files.put(path, text(tar, data, (int) size, path)) != null) {
                throw refused("'" + path + "' is in the archive twice; send each file once.");
            }
        }
    }

    /**
     * The gunzipped body, refused with a 413 past {@code maxBytes}. It is inflated twice: once only counting, so a
     * small body that inflates past the limit (a gzip bomb) is refused without holding any of it, then into one array
     * of the counted size. Reading it in one go held the limit twice over (the read's chunks and their copy), which
     * took more than the deployment's heap at the default limit and stopped the service.
     */
    private static byte[] gunzip(byte[] body, long maxBytes) {
        try {
            long size = 0;
            byte[] chunk = new byte[64 * 1024];
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                for (int read; (read = in.read(chunk)) >= 0; ) {
                    size += read;
                    if (size > maxBytes) {
                        throw BodyTooLargeException.past(maxBytes);
                    }
                }
            }
            byte[] tar = new byte[Math.toIntExact(size)];
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                if (in.readNBytes(tar, 0, tar.length) != tar.length) {
                    throw new IOException("the second read ended early");
                }
            }
            return tar;
        } catch (IOException e) {
            throw refused("The body starts as gzip but does not gunzip: " + e.getMessage() + ".");
        }
    }

    private static boolean zero(byte[] tar, int at) {
        for (int i = at; i < at + BLOCK; i++) {
            if (tar[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static void checkSum(byte[] tar, int at) {
        long sum = 0;
        for (int i = at; i < at + BLOCK; i++) {
            sum += i >= at + 148 && i < at + 156 ? ' ' : tar[i] & 0xFF;
        }
        if (octal(tar, at + 148, 8) != sum) {
            throw refused("The body is not a tar archive (a header's checksum does not match); send the output "
                    + "of 'tar -c' (or 'tar -cz') of the files.");
        }
    }

    private static long size(byte[] tar, int at) {
        if ((tar[at + 124] & 0x80) != 0) {
            return -1; // base-256 sizes are for files over 8 GiB
        }
        return octal(tar, at + 124, 12);
    }

    private static long octal(byte[] tar, int from, int length) {
        long value = 0;
        boolean digits = false;
        for (int i = from; i < from + length; i++) {
            int c = tar[i];
            if (c >= '0' && c <= '7') {
                value = value * 8 + (c - '0');
                digits = true;
            } else if (c == 0 || c == ' ') {
                if (digits) {
                    break;
                }
            } else {
                return -1;
            }
        }
        return value;
    }

    private static String name(byte[] tar, int at) {
        String name = cString(tar, at, 100);
        // POSIX ustar ("ustar\0") has a name prefix; old GNU headers ("ustar  ") keep other fields there
        boolean ustar = new String(tar, at + 257, 5, StandardCharsets.US_ASCII).equals("ustar")
                && tar[at + 262] == 0;
        String prefix = ustar ? cString(tar, at + 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String cString(byte[] tar, int from, int length) {
        int end = from;
        while (end < from + length && tar[end] != 0) {
            end++;
        }
        return text(tar, from, end - from, "a file name");
    }

    private static String text(byte[] tar, int from, int length, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Arrays.copyOfRange(tar, from, from + length))).toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(Fault.of(400, "Body not UTF-8", "The content of "
                    + what + " is not valid UTF-8; send the files as they are on the node (UTF-8). Nothing was "
                    + "stored."));
        }
    }

    private static ProblemException refused(String detail) {
        return new ProblemException(Fault.of(400, "Snapshot refused",
                detail + " Nothing was stored."));
    }
}
