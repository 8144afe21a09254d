package changeledger.ingestion;

import static changeledger.support.UpidBuilder.upid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpidTest {

    @Nested
    class Decoding {

        @Test
        void givenVmStartUpid_whenParsing_thenEveryFieldIsDecoded() {
            Upid upid = Upid.parse("UPID:pve-lab:0001A2B3:00ABCDEF:6560F00D:qmstart:101:root@pam:");

            assertThat(upid.node()).isEqualTo("pve-lab");
            assertThat(upid.pid()).isEqualTo(0x0001A2B3L);
            assertThat(upid.pstart()).isEqualTo(0x00ABCDEFL);
            assertThat(upid.startTime()).isEqualTo(Instant.ofEpochSecond(0x6560F00DL));
            assertThat(upid.type()).isEqualTo("qmstart");
            assertThat(upid.id()).isEqualTo("101");
            assertThat(upid.user()).isEqualTo("root@pam");
            assertThat(upid.text()).isEqualTo("UPID:pve-lab:0001A2B3:00ABCDEF:6560F00D:qmstart:101:root@pam:");
        }

        @Test
        void givenStartTimeInHex_whenParsing_thenItIsUnixSecondsUtc() {
            Upid upid = upid().startTime(Instant.parse("2026-11-25T08:30:15Z")).build();

            assertThat(upid.startTime()).isEqualTo(Instant.parse("2026-11-25T08:30:15Z"));
        }

        @Test
        void givenNineHexDigitPstart_whenParsing_thenItIsKept() {
            Upid upid = Upid.parse("UPID:pve:00001234:1A2B3C4D5:6560F00D:vzdump:101:root@pam:");

            assertThat(upid.pstart()).isEqualTo(0x1A2B3C4D5L);
        }

        @Test
        void givenEmptyId_whenParsing_thenIdIsEmptyText() {
            Upid upid = Upid.parse("UPID:pve:00001234:00ABCDEF:6560F00D:aptupdate::root@pam:");

            assertThat(upid.id()).isEmpty();
            assertThat(upid.type()).isEqualTo("aptupdate");
        }

        @Test
        void givenApiTokenUser_whenParsing_thenUserKeepsTheToken() {
            Upid upid = Upid.parse("UPID:pve:00001234:00ABCDEF:6560F00D:qmstop:105:collector@pve!audit:");

            assertThat(upid.user()).isEqualTo("collector@pve!audit");
            assertThat(upid.byToken()).isTrue();
            assertThat(upid().build().byToken()).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"networking", "sda", "100@local", "mon.pve1", "100-scsi0>101-scsi0", "local-lvm",
            "0101"})
        void givenIdThatIsNotAVmid_whenParsing_thenItIsKeptAsText(String id) {
            Upid upid = upid().type("qmmove").id(id).build();

            assertThat(upid.id()).isEqualTo(id);
        }

        @Test
        void givenLowerCaseHex_whenParsing_thenAccepted() {
            Upid upid = Upid.parse("UPID:pve:0000abcd:00abcdef:6560f00d:qmstart:101:root@pam:");

            assertThat(upid.pid()).isEqualTo(0xABCDL);
        }

        @Test
        void givenSingleCharacterNode_whenParsing_thenAccepted() {
            assertThat(upid().node("x").build().node()).isEqualTo("x");
        }
    }

    @Nested
    class Rejection {

        @ParameterizedTest
        @ValueSource(strings = {
            "UPID:pve:00001234:00ABCDEF:6560F00D:qmstart:101:root@pam",
            "UPID:pve:1234:00ABCDEF:6560F00D:qmstart:101:root@pam:",
            "UPID:pve:00001234:00ABCDEF:6560F00:qmstart:101:root@pam:",
            "UPID:pve:00001234:1A2B3C4D5E:6560F00D:qmstart:101:root@pam:",
            "UPID:-pve:00001234:00ABCDEF:6560F00D:qmstart:101:root@pam:",
            "UPID:pve-:00001234:00ABCDEF:6560F00D:qmstart:101:root@pam:",
            "UPID:pve:00001234:00ABCDEF:6560F00D::101:root@pam:",
            "UPID:pve:00001234:00ABCDEF:6560F00D:qmstart:101::",
            "UPID:pve:00001234:00ABCDEF:6560F00D:qmstart:1 01:root@pam:",
            "UPID:pve:00001234:00ABCDEF:6560F00D:qmstart:a/b:root@pam:",
            "UPID:pve:0000123G:00ABCDEF:6560F00D:qmstart:101:root@pam:",
            "upid:pve:00001234:00ABCDEF:6560F00D:qmstart:101:root@pam:",
            "TASK OK",
            ""
        })
        void givenTextOutsideProxmoxRegex_whenParsing_thenInvalidWithReason(String text) {
            assertThatThrownBy(() -> Upid.parse(text)).isInstanceOf(InvalidUpidException.class)
                    .hasMessageContaining("UPID");
        }

        @Test
        void givenMissingTrailingColon_whenParsing_thenReasonSaysSo() {
            assertThatThrownBy(() -> Upid.parse("UPID:pve:00001234:00ABCDEF:6560F00D:qmstart:101:root@pam"))
                    .hasMessageContaining("trailing colon");
        }

        @Test
        void givenProxmoxBackupServerUpid_whenParsing_thenRejectedAsBackupServer() {
            assertThatThrownBy(() -> Upid.parse(
                    "UPID:pbs:000002B2:00000158:00000000:674D828C:garbage_collection:store1:root@pam:"))
                    .isInstanceOf(InvalidUpidException.class)
                    .hasMessageContaining("Proxmox Backup Server")
                    .hasMessageContaining("task-id");
        }

        @Test
        void givenBackupServerUpidWithEmptyWorkerId_whenParsing_thenRejectedAsBackupServer() {
            assertThatThrownBy(() -> Upid.parse("UPID:elsa:00004F37:0039E469:00000000:5CA78B83:logrotate::root@pam:"))
                    .hasMessageContaining("Proxmox Backup Server");
        }

        @Test
        void givenDatacenterManagerRemoteUpid_whenParsing_thenRejectedAsDatacenterManager() {
            assertThatThrownBy(() -> Upid.parse("pve-remote!UPID:pve:00039E4D:002638B8:67B4A9D1:stopall::root@pam:"))
                    .hasMessageContaining("Proxmox Datacenter Manager");
            assertThatThrownBy(() -> Upid.parse(
                    "pve:pve-remote!UPID:pve:00039E4D:002638B8:67B4A9D1:stopall::root@pam:"))
                    .hasMessageContaining("Proxmox Datacenter Manager");
        }

        @Test
        void givenNull_whenParsing_thenInvalid() {
            assertThatThrownBy(() -> Upid.parse(null)).isInstanceOf(InvalidUpidException.class);
        }
    }

    @Nested
    class StoredUser {

        @ParameterizedTest
        @ValueSource(strings = {"UPID:pve-lab:0001A2B3:00ABCDEF:6560F00D:qmstart:101:root@pam:",
            "UPID:pve:00001234:1A2B3C4D5:6560F00D:vzdump:101:collector@pve!audit:",
            "UPID:pve:00001234:00ABCDEF:6560F00D:aptupdate::root@pam:",
            "UPID:pve:00001234:00ABCDEF:6560F00D:qmigrate:100-scsi0>101-scsi0:ops@pve!automation:"})
        void givenStoredUpid_whenItsUserIsLookedUp_thenAsParseFindsIt(String text) {
            assertThat(Upid.userOfStored(text)).isEqualTo(Upid.parse(text).user());
        }

        @ParameterizedTest
        @ValueSource(strings = {"UPID:pve:00001234:00ABCDEF:6560F00D:qmstart:101:root@pam",
            "UPID:pve:1234:6560F00D:qmstart:101:root@pam:", "UPID:pve:00001234:00ABCDEF:6560F00D:qmstart:101::",
            "pve:00001234:00ABCDEF:6560F00D:qmstart:101:root@pam:x:", ""})
        void givenTextOfAnotherShape_whenItsUserIsLookedUp_thenRefusedAsParseRefusesIt(String text) {
            assertThatThrownBy(() -> Upid.parse(text)).isInstanceOf(InvalidUpidException.class);
            assertThatThrownBy(() -> Upid.userOfStored(text)).isInstanceOf(InvalidUpidException.class);
        }
    }
}
