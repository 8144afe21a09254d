package changeledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The audit API passes stored JSON on as text: what PostgreSQL prints for a jsonb value, compacted, must be what a
 * JSON serialiser writes for the parsed value.
 */
@QuarkusTest
class EventRowJsonTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\": 1, \"b\": [1, 2.5, true, false, null], \"c\": {}}",
        "{\"blanks\": \"a , b : c  d\", \"quoted\": \"say \\\"hi, you\\\": ok\", \"end\": \"\\\\\"}",
        "{\"path\": \"C:\\\\temp\\\\ \", \"tab\": \"a\\tb\\nc\", \"control\": \"\\u0001\"}",
        "{\"text\": \"Zürich ✓ 😀\", \"nested\": {\"list\": [{\"x\": [ ]}, \"y\"]}}",
        "[1, \"two\", [3]]",
        "\"a string alone\"",
        "{}",
        "{\"type\":\"compact already\",\"n\":-7}"
    })
    void givenJsonbAsPostgresqlPrintsIt_whenCompacted_thenAsTheSerialiserWritesTheParsedValue(String json)
            throws Exception {
        byte[] printed = jsonb(json);

        String compact = EventRow.compact(printed);

        assertThat(compact).isEqualTo(mapper.writeValueAsString(mapper.readTree(printed)));
        assertThat(mapper.readTree(compact)).isEqualTo(mapper.readTree(json));
    }

    @Test
    void givenJsonbWithStructure_thenPostgresqlPrintsBlanksThatCompactingRemoves() throws Exception {
        byte[] printed = jsonb("{\"a\":[1,2],\"b\":\"x y\"}");

        assertThat(new String(printed, StandardCharsets.UTF_8)).isEqualTo("{\"a\": [1, 2], \"b\": \"x y\"}");
        assertThat(EventRow.compact(printed)).isEqualTo("{\"a\":[1,2],\"b\":\"x y\"}");
    }

    private byte[] jsonb(String json) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("select ?::jsonb")) {
            statement.setString(1, json);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        }
    }
}
