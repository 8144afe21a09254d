package changeledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final String[] FEATURES = {
        "changeledger.host..", "changeledger.ingestion..", "changeledger.changerequest..", "changeledger.journal..",
        "changeledger.projection..", "changeledger.query..", "changeledger.report..", "changeledger.security..",
        "changeledger.api..", "changeledger.evidence..", "changeledger.config.."
    };

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("changeledger");

    @Test
    void eventStoreImportsNoFeature() {
        noClasses().that().resideInAPackage("changeledger.eventstore..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void processingImportsNoFeature() {
        noClasses().that().resideInAPackage("changeledger.processing..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void onlyTheEventStoreNamesTheEventTable() {
        noClasses().that().resideOutsideOfPackage("changeledger.eventstore..")
                .should().dependOnClassesThat().haveSimpleName("EventRepository")
                .check(classes);
    }
}
