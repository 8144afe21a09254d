package changeledger.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import changeledger.ArchitectureTest;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** The cycle rule of {@link ArchitectureTest} reports a cycle made on purpose between two fixture packages. */
class CycleRuleTest {

    @Test
    void givenTwoPackagesImportingEachOther_whenCycleRuleRuns_thenItReportsTheCycle() {
        // given
        var fixtures = new ClassFileImporter().importPackages("changeledger.architecture.cyclefixture");

        // when
        EvaluationResult result = ArchitectureTest.noCyclesBetween("changeledger.architecture.cyclefixture.(*)..")
                .evaluate(fixtures);

        // then
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anySatisfy(line -> assertThat(line)
                .contains("cyclefixture.a.Alpha").contains("cyclefixture.b.Beta"));
    }

    @Test
    void givenOnlyOneOfThePackages_whenCycleRuleRuns_thenItFindsNone() {
        var half = new ClassFileImporter().importPackages("changeledger.architecture.cyclefixture.a");

        EvaluationResult result = ArchitectureTest.noCyclesBetween("changeledger.architecture.cyclefixture.(*)..")
                .evaluate(half);

        assertThat(result.hasViolation()).isFalse();
    }
}
