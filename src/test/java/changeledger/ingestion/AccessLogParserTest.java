package changeledger.ingestion;

import static changeledger.support.TaskLines.access;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccessLogParserTest {

    private static final OffsetDateTime TIME = OffsetDateTime.parse("2026-11-03T14:05:09+01:00");
    private static final String CONFIG = "/api2/json/nodes/pve-lab/qemu/101/config";

    private static ApiCall change(String line) {
        LineOutcome<ApiCall> outcome = AccessLogParser.parseLine(1, line);
        assertThat(outcome).isInstanceOf(LineOutcome.Accepted.class);
        return ((LineOutcome.Accepted<ApiCall>) outcome).fact();
    }

    private static String ignoredReason(String line) {
        LineOutcome<ApiCall> outcome = AccessLogParser.parseLine(1, line);
        assertThat(outcome).isInstanceOf(LineOutcome.Ignored.class);
        return ((LineOutcome.Ignored<ApiCall>) outcome).reason();
    }

    @Nested
    class Changes {

        @Test
        void givenSuccessfulConfigPut_whenParsing_thenChangeWithEveryField() {
            ApiCall call = change("::ffff:192.168.10.5 - root@pam [03/11/2026:14:05:09 +0100] \"PUT " + CONFIG
                    + " HTTP/1.1\" 200 52");

            assertThat(call.clientAddress()).isEqualTo("192.168.10.5");
            assertThat(call.user()).isEqualTo("root@pam");
            assertThat(call.time()).isEqualTo(TIME);
            assertThat(call.method()).isEqualTo("PUT");
            assertThat(call.path()).isEqualTo(CONFIG);
            assertThat(call.apiFormat()).isEqualTo("json");
            assertThat(call.status()).isEqualTo(200);
            assertThat(call.guestKind()).isEqualTo("qemu");
            assertThat(call.guestId()).isEqualTo("101");
            assertThat(call.pathNode()).isEqualTo("pve-lab");
        }

        @Test
        void givenNumericMonthAndNegativeOffset_whenParsing_thenLocalTimeAndOffsetKept() {
            ApiCall call = change(access("10.0.0.1", "root@pam", OffsetDateTime.parse("2026-12-31T23:59:59-05:30"),
                    "POST", "/api2/json/nodes/pve/lxc/200/status/start", 200));

            assertThat(call.time()).isEqualTo(OffsetDateTime.parse("2026-12-31T23:59:59-05:30"));
            assertThat(call.guestKind()).isEqualTo("lxc");
        }

        @Test
        void givenIpv6ClientAndTokenUser_whenParsing_thenBothKept() {
            ApiCall call = change(access("2001:db8::17", "collector@pve!audit", TIME, "DELETE",
                    "/api2/json/nodes/pve/qemu/9001", 200));

            assertThat(call.clientAddress()).isEqualTo("2001:db8::17");
            assertThat(call.user()).isEqualTo("collector@pve!audit");
            assertThat(call.guestId()).isEqualTo("9001");
        }

        @Test
        void givenDashUserAndDashLength_whenParsing_thenNoUser() {
            ApiCall call = change(access("::1", "-", TIME, "POST", "/api2/json/cluster/backup", 204));

            assertThat(call.user()).isNull();
            assertThat(call.guestId()).isNull();
            assertThat(call.pathNode()).isNull();
        }

        @Test
        void givenPathWithQueryString_whenParsing_thenGuestStillFound() {
            assertThat(change(access("::1", "root@pam", TIME, "PUT", CONFIG + "?digest=abc", 200)).guestId())
                    .isEqualTo("101");
        }

        @Test
        void givenGuiRequestUnderExtjs_whenParsing_thenChangeMarkedExtjs() {
            ApiCall call = change(access("::1", "root@pam", TIME, "PUT", "/api2/extjs/nodes/pve/qemu/101/config", 200));

            assertThat(call.guestId()).isEqualTo("101");
            assertThat(call.apiFormat()).isEqualTo("extjs");
        }
    }

    @Nested
    class NotChanges {

        @ParameterizedTest
        @ValueSource(strings = {"GET", "HEAD", "OPTIONS"})
        void givenReadRequest_whenParsing_thenIgnored(String method) {
            assertThat(ignoredReason(access("::1", "root@pam", TIME, method, CONFIG, 200))).contains(method);
        }

        @ParameterizedTest
        @CsvSource({"500", "401", "403", "302", "100"})
        void givenUnsuccessfulStatus_whenParsing_thenIgnored(int code) {
            assertThat(ignoredReason(access("::1", "root@pam", TIME, "PUT", CONFIG, code)))
                    .contains("HTTP " + code);
        }

        @Test
        void givenLoginTicket_whenParsing_thenIgnored() {
            assertThat(ignoredReason(access("::1", "-", TIME, "POST", "/api2/json/access/ticket", 200)))
                    .contains("ticket");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/api2/json/nodes/pve/qemu/101/vncproxy", "/api2/json/nodes/pve/lxc/200/termproxy",
            "/api2/json/nodes/pve/qemu/101/spiceproxy", "/api2/json/nodes/pve/qemu/101/vncwebsocket?port=5900",
            "/api2/json/nodes/pve/termproxy", "/api2/json/nodes/pve/vncshell", "/api2/json/nodes/pve/spiceshell"})
        void givenConsoleRequest_whenParsing_thenIgnored(String path) {
            assertThat(ignoredReason(access("::1", "root@pam", TIME, "POST", path, 200))).contains("console");
        }

        @Test
        void givenPostOutsideTheApi_whenParsing_thenIgnored() {
            assertThat(ignoredReason(access("::1", "-", TIME, "POST", "/novnc/something", 200)))
                    .contains("not an API request");
        }
    }

    @Nested
    class Rejections {

        @ParameterizedTest
        @ValueSource(strings = {
            "not a log line",
            "::1 - root@pam [03/Nov/2026:14:05:09 +0100] \"PUT /api2/json/x HTTP/1.1\" 200 5",
            "::1 - root@pam [03/11/2026:14:05:09] \"PUT /api2/json/x HTTP/1.1\" 200 5",
            "::1 - root@pam [03/11/2026:14:05:09 +0100] \"PUT /api2/json/x\" 200 5",
            "host.example - root@pam [03/11/2026:14:05:09 +0100] \"PUT /api2/json/x HTTP/1.1\" 200 5",
            "::1 - root@pam [31/02/2026:14:05:09 +0100] \"PUT /api2/json/x HTTP/1.1\" 200 5",
            "::1 - root@pam [03/13/2026:14:05:09 +0100] \"PUT /api2/json/x HTTP/1.1\" 200 5"
        })
        void givenMalformedLine_whenParsing_thenRejectedNotThrown(String line) {
            LineOutcome<ApiCall> outcome = AccessLogParser.parseLine(3, line);

            assertThat(outcome).isInstanceOf(LineOutcome.Rejected.class);
            assertThat(outcome.lineNumber()).isEqualTo(3);
        }

        @Test
        void givenBlankLines_whenParsingAFile_thenSkippedWithLineNumbersKept() {
            List<LineOutcome<ApiCall>> outcomes = AccessLogParser.parse(List.of("",
                    access("::1", "root@pam", TIME, "PUT", CONFIG, 200), " "));

            assertThat(outcomes).singleElement().extracting(LineOutcome::lineNumber).isEqualTo(2);
        }
    }
}
