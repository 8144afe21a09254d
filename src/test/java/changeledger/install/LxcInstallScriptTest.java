package changeledger.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs docker/install-lxc.sh with bash on inputs it must refuse before it changes anything. The install itself needs
 * the packaged app, which exists only after the tests: .ci/lxc-install-check runs that against target/quarkus-app.
 */
class LxcInstallScriptTest {

    @TempDir
    Path scratch;

    @Nested
    class Refusals {

        @Test
        void givenSameOwnerAndAppRole_whenRun_thenUsageErrorAndNothingInstalled() throws Exception {
            Path app = packagedAppShape();

            Result result = run("--prefix", prefix(), "--owner-role", "audit", "--app-role", "audit", app.toString());

            assertThat(result.exitCode).as(result.output).isEqualTo(2);
            assertThat(result.output).contains("--owner-role and --app-role must differ");
            assertThat(scratch.resolve("root/opt")).doesNotExist();
        }

        @Test
        void givenRoleNameThatIsNotPlain_whenRun_thenUsageErrorNamingTheOption() throws Exception {
            Result result = run("--prefix", prefix(), "--app-role", "Audit\"; drop", packagedAppShape().toString());

            assertThat(result.exitCode).as(result.output).isEqualTo(2);
            assertThat(result.output).contains("--app-role 'Audit\"; drop' is not a plain lower-case name");
        }

        @Test
        void givenDirectoryWithoutQuarkusRunJar_whenRun_thenFailsNamingItAndInstallsNothing() throws Exception {
            Path notAnApp = Files.createDirectories(scratch.resolve("src"));

            Result result = run("--prefix", prefix(), notAnApp.toString());

            assertThat(result.exitCode).as(result.output).isEqualTo(1);
            assertThat(result.output).contains("has no quarkus-run.jar: give the whole quarkus-app directory");
            assertThat(scratch.resolve("root/opt")).doesNotExist();
            assertThat(scratch.resolve("root/etc")).doesNotExist();
        }

        @Test
        void givenTarballWithoutQuarkusRunJar_whenRun_thenFailsNamingWhatItFound() throws Exception {
            Path content = Files.createDirectories(scratch.resolve("content/quarkus-app"));
            Files.writeString(content.resolve("README"), "no jar here");
            Path tarball = scratch.resolve("changeledger.tar.gz");
            Process tar = new ProcessBuilder("tar", "-czf", tarball.toString(), "-C",
                    scratch.resolve("content").toString(), "quarkus-app").start();
            assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(tar.exitValue()).isZero();

            Result result = run("--prefix", prefix(), tarball.toString());

            assertThat(result.exitCode).as(result.output).isEqualTo(1);
            assertThat(result.output).contains("should hold one quarkus-run.jar at most two directories down; found 0");
        }

        @Test
        void givenUnknownOption_whenRun_thenUsageErrorNamingIt() throws Exception {
            Result result = run("--prefx", prefix());

            assertThat(result.exitCode).as(result.output).isEqualTo(2);
            assertThat(result.output).contains("unknown option --prefx");
        }

        @Test
        void givenNoApp_whenRun_thenUsageErrorSayingWhatToGive() throws Exception {
            Result result = run("--prefix", prefix());

            assertThat(result.exitCode).as(result.output).isEqualTo(2);
            assertThat(result.output).contains("give the packaged app");
        }
    }

    @Test
    void givenNothingStarted_whenStop_thenSaysSoAndSucceeds() throws Exception {
        Result result = run("--prefix", prefix(), "--stop");

        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output).contains("no service started by this script runs");
    }

    @Test
    void givenHelp_whenRun_thenListsTheOptionsWithoutTheScriptsCode() throws Exception {
        Result result = run("--help");

        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output).contains("--prefix DIR", "--no-systemd", "--owner-role NAME", "--app-role NAME")
                .doesNotContain("set -euo pipefail");
    }

    private String prefix() {
        return scratch.resolve("root").toString();
    }

    /** A directory laid out like target/quarkus-app, for refusals that come before the app is looked at closely. */
    private Path packagedAppShape() throws IOException {
        Path app = Files.createDirectories(scratch.resolve("quarkus-app"));
        for (String dir : List.of("lib", "app", "quarkus")) {
            Files.createDirectories(app.resolve(dir));
        }
        Files.writeString(app.resolve("quarkus-run.jar"), "");
        return app;
    }

    private static Result run(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", Path.of("docker/install-lxc.sh").toAbsolutePath()
                .toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }
}
