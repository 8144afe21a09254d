package changeledger.eventstore.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OfflineVerifierOptionsTest {

    @Test
    void givenMisspeltOrRepeatedOption_whenRun_thenExit2NamingItBeforeAnyConnection() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        int misspelt = OfflineVerifier.run(new String[] {"--url", "jdbc:postgresql://127.0.0.1:1/none",
            "--checkpoint_position", "42", "--checkpoint-hash", "ab"}, out, errors);
        int repeated = OfflineVerifier.run(new String[] {"--url", "jdbc:postgresql://127.0.0.1:1/none",
            "--url", "jdbc:postgresql://127.0.0.1:1/other"}, out, errors);

        assertThat(misspelt).isEqualTo(2);
        assertThat(repeated).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option: --checkpoint_position")
                .contains("option given twice: --url");
    }
}
