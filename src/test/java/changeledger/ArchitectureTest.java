package changeledger;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The layering rules the code must keep: infrastructure below features, HTTP at the edge, no package cycles. */
public class ArchitectureTest {

    private static final String[] FEATURES = {
        "changeledger.host..", "changeledger.ingestion..", "changeledger.changerequest..", "changeledger.journal..",
        "changeledger.projection..", "changeledger.query..", "changeledger.report..", "changeledger.security..",
        "changeledger.api..", "changeledger.evidence..", "changeledger.dashboard..", "changeledger.config..",
        "changeledger.alert..", "changeledger.cluster.."
    };

    /** Tables whose SQL only their owning package may write: table name to the source folder that owns it. */
    private static final List<String[]> OWNED_TABLES = List.of(
            new String[] {"domain_event", "changeledger/eventstore/"},
            new String[] {"processor_token", "changeledger/processing/"});

    /** Classes outside {@code api} that may use JAX-RS: the HTTP edge of each feature. */
    private static final Pattern HTTP_EDGE = Pattern.compile(".*(Resource|Filter|ProblemMappers)(\\$.*)?");

    /**
     * Outside {@code api}, the HTTP edge also holds the dashboard (a web front end: pages, cookies, headers) and the
     * query package's stream and export writers (server-sent events, streamed bodies) and its query-string reader.
     */
    private static final String DASHBOARD = "changeledger.dashboard..";
    private static final Set<String> JAX_RS_KNOWN = Set.of("changeledger.query.ExportOutput",
            "changeledger.query.ExportStream", "changeledger.query.ExportStreams", "changeledger.query.EventStream",
            "changeledger.query.EventStreams", "changeledger.query.EventFilters");

    private static final Path MAIN_SOURCES = Path.of("src/main/java");
    private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"(.*?)\"\"\"", Pattern.DOTALL);
    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("changeledger");

    /** No cycles between the slices that {@code pattern} (one capture group) cuts the packages into. */
    public static SliceRule noCyclesBetween(String pattern) {
        return slices().matching(pattern).should().beFreeOfCycles();
    }

    @Test
    void eventStoreImportsNoFeature() {
        noClasses().that().resideInAPackage("changeledger.eventstore..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .check(classes);
    }

    @Test
    void processingImportsNoFeature() {
        noClasses().that().resideInAPackage("changeledger.processing..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .check(classes);
    }

    @Test
    void domainImportsNoOtherPackageOfTheServiceAndNoHttp() {
        noClasses().that().resideInAPackage("changeledger.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .orShould().dependOnClassesThat().resideInAnyPackage("changeledger.eventstore..",
                        "changeledger.processing..", "jakarta.ws.rs..")
                .check(classes);
    }

    @Test
    void onlyTheEventStoreUsesItsRepository() {
        noClasses().that().resideOutsideOfPackage("changeledger.eventstore..")
                .should().dependOnClassesThat().haveSimpleName("EventRepository")
                .check(classes);
    }

    @Test
    void featurePackagesAreFreeOfCycles() {
        noCyclesBetween("changeledger.(*)..").check(classes);
    }

    @Test
    void onlyTheHttpEdgeUsesJaxRs() {
        noClasses().that().resideOutsideOfPackages("changeledger.api..", DASHBOARD)
                .and(describe("are not a resource, filter or problem mapper",
                        (JavaClass c) -> !HTTP_EDGE.matcher(c.getSimpleName()).matches()
                                && !JAX_RS_KNOWN.contains(c.getName().replaceAll("\\$.*", ""))))
                .should().dependOnClassesThat().resideInAPackage("jakarta.ws.rs..")
                .check(classes);
    }

    @Test
    void onlyTheOwnersWriteSqlNamingTheirTables() throws IOException {
        Set<String> offenders = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String relative = MAIN_SOURCES.relativize(file).toString().replace('\\', '/');
                for (String literal : literals(Files.readString(file))) {
                    for (String[] owned : OWNED_TABLES) {
                        if (names(literal, owned[0]) && !relative.startsWith(owned[1])) {
                            offenders.add(relative + " names " + owned[0]);
                        }
                    }
                }
            }
        }
        assertThat(offenders).as("SQL naming a table outside the package that owns it").isEmpty();
    }

    @Test
    void theSqlScanSeesTextBlocksAndPlainLiterals() {
        String source = "String a = \"\"\"\n  select * from domain_event\n  \"\"\"; String b = \"from processor_token\";"
                + " String c = \"domain_event_seal\"; // processor_token";
        List<String> found = literals(source);
        assertThat(found).anyMatch(l -> names(l, "domain_event")).anyMatch(l -> names(l, "processor_token"));
        assertThat(found).filteredOn(l -> names(l, "domain_event")).hasSize(1);
    }

    private static List<String> literals(String source) {
        List<String> found = new java.util.ArrayList<>();
        Matcher blocks = TEXT_BLOCK.matcher(source);
        StringBuilder rest = new StringBuilder();
        while (blocks.find()) {
            found.add(blocks.group(1));
            blocks.appendReplacement(rest, "\"\"");
        }
        blocks.appendTail(rest);
        Matcher plain = STRING_LITERAL.matcher(rest);
        while (plain.find()) {
            found.add(plain.group(1));
        }
        return found;
    }

    private static boolean names(String sql, String table) {
        return Pattern.compile("\\b" + table + "\\b").matcher(sql).find();
    }
}
