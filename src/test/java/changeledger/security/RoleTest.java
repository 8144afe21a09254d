package changeledger.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void rolesAreCumulativeAndIngesterStandsApart() {
        assertThat(Role.APPROVER.grantedRoleNames()).containsExactly("reader", "submitter", "approver");
        assertThat(Role.ADMIN.grantedRoleNames()).doesNotContain("ingester");
        assertThat(Role.INGESTER.grantedRoleNames()).containsExactly("ingester");
    }

    @Test
    void notifierStandsApartAndIsBoundToHosts() {
        assertThat(Role.NOTIFIER.grantedRoleNames()).containsExactly("notifier");
        assertThat(Role.ADMIN.grantedRoleNames()).doesNotContain("notifier");
        assertThat(Role.NOTIFIER.boundToHosts()).isTrue();
        assertThat(Role.INGESTER.boundToHosts()).isTrue();
        assertThat(Role.ADMIN.boundToHosts()).isFalse();
    }

    @Test
    void givenUnknownWireName_thenTheMessageNamesTheRoles() {
        assertThatThrownBy(() -> Role.fromWire("root")).hasMessageContaining("reader, submitter, approver, admin");
    }
}
