package changeledger.eventstore.seal.export;

import static org.assertj.core.api.Assertions.assertThat;

import changeledger.eventstore.seal.Checkpoint;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExportStepTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    private static Checkpoint at(long position, String hash) {
        return new Checkpoint(position, position + 100, hash, null);
    }

    @Test
    void givenNothingExportedYet_whenDecided_thenTheHeadIsExported() {
        assertThat(ExportStep.of(at(5, A), null, Optional.empty())).isEqualTo(ExportStep.EXPORT);
    }

    @Test
    void givenTheChainMovedOnFromTheLastExport_whenDecided_thenTheHeadIsExported() {
        assertThat(ExportStep.of(at(9, B), at(5, A), Optional.of(at(5, A)))).isEqualTo(ExportStep.EXPORT);
    }

    @Test
    void givenTheHeadIsTheLastExport_whenDecided_thenNothingIsExported() {
        assertThat(ExportStep.of(at(5, A), at(5, A), Optional.of(at(5, A)))).isEqualTo(ExportStep.UNCHANGED);
    }

    @Test
    void givenTheHeadBelowTheLastExport_whenDecided_thenItIsATailCutAndNotExported() {
        assertThat(ExportStep.of(at(3, B), at(5, A), Optional.empty())).isEqualTo(ExportStep.BEHIND);
    }

    @Test
    void givenTheLinkAtTheLastExportRewrittenOrGone_whenDecided_thenItDivergedAndIsNotExported() {
        assertThat(ExportStep.of(at(9, B), at(5, A), Optional.of(at(5, B)))).isEqualTo(ExportStep.DIVERGED);
        assertThat(ExportStep.of(at(5, B), at(5, A), Optional.of(at(5, B)))).isEqualTo(ExportStep.DIVERGED);
        assertThat(ExportStep.of(at(9, B), at(5, A), Optional.empty())).isEqualTo(ExportStep.DIVERGED);
    }
}
