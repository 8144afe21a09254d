package changeledger.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A migration that has landed never changes: its checksum is part of every database that ran it, and Flyway refuses
 * to start on a database whose migrations differ from the service's. {@code db/landed-migrations.sha256} lists the
 * landed ones; a new migration is added to it when it lands, and CI refuses a change to a line already there.
 */
class LandedMigrationsTest {

    @Test
    void givenTheLandedMigrations_whenTheirFilesAreRead_thenEachIsUnchanged() throws Exception {
        List<String> lines = read("db/landed-migrations.sha256").lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            String[] parts = line.split("\\s+");
            String file = parts[1];
            assertThat(sha256("db/migration/" + file))
                    .as("%s has changed since it landed; every database that ran it would fail Flyway's validation: "
                            + "restore it and add a new migration instead", file)
                    .isEqualTo(parts[0]);
        }
    }

    private static String sha256(String resource) throws IOException, NoSuchAlgorithmException {
        try (InputStream in = resource(resource)) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = resource(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = LandedMigrationsTest.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing " + name + ": a landed migration was removed or renamed");
        }
        return in;
    }
}
