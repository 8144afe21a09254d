package changeledger.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import changeledger.domain.EventClass;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The webhook template's body (docs/ingestion.md), and what a notification's type and severity mean. */
class NotificationParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode body(String severity, String fields) throws Exception {
        return JSON.readTree("{\"title\": \"Replication Job: '103-0' failed\", \"message\": \"line 1\\nline 2\\n\","
                + " \"severity\": \"" + severity + "\", \"timestamp\": 1794484805, \"fields\": " + fields + "}");
    }

    @Nested
    class Parse {

        @Test
        void givenTemplateBody_thenTheNotificationWithEveryField() throws Exception {
            LineOutcome<ProxmoxNotificationReceived> outcome = NotificationParser.parse("lab", "pve-lab",
                    body("error", "{\"type\":\"replication\",\"job-id\":\"103-0\",\"hostname\":\"pve-lab\"}"));

            assertThat(outcome).isInstanceOf(LineOutcome.Accepted.class);
            ProxmoxNotificationReceived n = ((LineOutcome.Accepted<ProxmoxNotificationReceived>) outcome).fact();
            assertThat(n.type()).isEqualTo("replication");
            assertThat(n.message()).isEqualTo("line 1\nline 2\n");
            assertThat(n.sentAt()).isEqualTo(Instant.ofEpochSecond(1794484805));
            assertThat(n.fields()).containsKeys("hostname", "job-id", "type").hasSize(3);
        }

        @Test
        void givenNoType_thenIgnoredAsTheTestNotification() throws Exception {
            assertThat(NotificationParser.parse("lab", "pve-lab", body("info", "{}")))
                    .isInstanceOf(LineOutcome.Ignored.class);
        }

        @Test
        void givenSeverityProxmoxDoesNotKnow_thenWrongShape() {
            assertThatThrownBy(() -> NotificationParser.parse("lab", "pve-lab", body("fatal", "{\"type\":\"x\"}")))
                    .isInstanceOf(WrongJsonShapeException.class);
        }

        @Test
        void givenFieldThatIsAnObject_thenWrongShape() {
            assertThatThrownBy(() -> NotificationParser.parse("lab", "pve-lab",
                    body("info", "{\"type\":\"vzdump\",\"guests\":{\"101\":\"ok\"}}")))
                    .isInstanceOf(WrongJsonShapeException.class);
        }

        @Test
        void givenTitleOverFourKibibytes_thenRejected() throws Exception {
            JsonNode body = JSON.readTree("{\"title\": \"" + "t".repeat(5000) + "\", \"message\": \"\","
                    + " \"severity\": \"info\", \"timestamp\": 1, \"fields\": {\"type\": \"vzdump\"}}");

            assertThat(NotificationParser.parse("lab", "pve-lab", body)).isInstanceOf(LineOutcome.Rejected.class);
        }
    }

    @Nested
    class Meaning {

        @Test
        void givenTypes_thenTheirClasses() {
            assertThat(ProxmoxNotificationReceived.classOf("fencing")).isEqualTo(EventClass.INCIDENT);
            assertThat(ProxmoxNotificationReceived.classOf("vzdump")).isEqualTo(EventClass.ROUTINE);
            assertThat(ProxmoxNotificationReceived.classOf("package-updates")).isEqualTo(EventClass.ROUTINE);
            assertThat(ProxmoxNotificationReceived.classOf("system-mail")).isEqualTo(EventClass.UNKNOWN);
        }

        @Test
        void givenErrorOfABackupOrReplication_thenAFailedJob_andNothingElseIs() {
            assertThat(ProxmoxNotificationReceived.failedJob("vzdump", "error")).isTrue();
            assertThat(ProxmoxNotificationReceived.failedJob("replication", "error")).isTrue();
            assertThat(ProxmoxNotificationReceived.failedJob("vzdump", "info")).isFalse();
            assertThat(ProxmoxNotificationReceived.failedJob("fencing", "error")).isFalse();
        }

        @Test
        void givenFencing_thenTheHostsNodeOnlyWhenItIsNamedOrNothingIsKnown() {
            assertThat(ProxmoxNotificationReceived.fencesHostNode("fencing", "PVE-LAB", "pve-lab")).isTrue();
            assertThat(ProxmoxNotificationReceived.fencesHostNode("fencing", null, "pve-lab")).isTrue();
            assertThat(ProxmoxNotificationReceived.fencesHostNode("fencing", "pve-lab2", "pve-lab")).isFalse();
            assertThat(ProxmoxNotificationReceived.fencesHostNode("vzdump", "pve-lab", "pve-lab")).isFalse();
        }

        @Test
        void givenTitleWithLeadingNewline_thenTheSummaryNamesItsFirstLine() {
            assertThat(ProxmoxNotificationReceived.summary("fencing", "error", "\nTrying to fence node 'pve-lab'\n"))
                    .isEqualTo("fencing (error): Trying to fence node 'pve-lab'");
        }
    }
}
