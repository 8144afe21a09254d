package changeledger.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventClassTest {

    @Test
    void theChangesAreChangeDisruptiveAndManual_asSqlAndAsNames() {
        assertThat(EventClass.sqlList(EventClass.CHANGES)).isEqualTo("('change', 'disruptive', 'manual')");
        assertThat(EventClass.names(EventClass.CHANGES)).containsExactly("change", "disruptive", "manual");
    }

    @Test
    void everyClassReadsBackFromItsName_andOtherNamesAreNone() {
        assertThat(EventClass.names(List.of(EventClass.values())))
                .containsExactly("change", "disruptive", "start", "routine", "access", "unknown", "manual", "incident");
        for (EventClass value : EventClass.values()) {
            assertThat(EventClass.fromJson(value.json())).contains(value);
        }
        assertThat(EventClass.fromJson("fencing")).isEmpty();
        assertThat(EventClass.fromJson(null)).isEmpty();
    }
}
