package changeledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import changeledger.time.IsoInstants;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The service's mapper writes instants through {@link IsoInstants}, with the text the JSR-310 module writes. */
@QuarkusTest
class InstantJsonTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void givenTheServicesMapper_whenAnInstantIsWritten_thenByTheShortWayWithInstantToStringText() throws Exception {
        assertThat(mapper.getSerializerProviderInstance().findValueSerializer(Instant.class))
                .isInstanceOf(InstantJsonCustomizer.InstantSerializer.class);
        for (Instant instant : List.of(Instant.parse("2026-05-01T10:00:00Z"), Instant.parse("2026-05-01T10:00:00.120Z"),
                Instant.parse("2026-05-01T10:00:00.123456Z"), Instant.parse("+12026-05-01T10:00:00Z"))) {
            assertThat(mapper.writeValueAsString(instant)).isEqualTo("\"" + instant + "\"");
            assertThat(mapper.readValue(mapper.writeValueAsString(instant), Instant.class)).isEqualTo(instant);
        }
    }
}
