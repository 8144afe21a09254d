package changeledger.api;

import changeledger.time.IsoInstants;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;

/**
 * Writes instants as {@link Instant#toString} does, the text the JSR-310 module writes with dates as text
 * ({@code quarkus.jackson.write-dates-as-timestamps=false}), through {@link IsoInstants#format}: every event of a page
 * or an export carries two, and the module's formatter cost a page about a twentieth of its CPU.
 */
@Singleton
public class InstantJsonCustomizer implements ObjectMapperCustomizer {

    /** After the framework's own modules, so this serialiser is the one found for {@link Instant}. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("changeledger-instants").addSerializer(Instant.class,
                new InstantSerializer()));
    }

    /** The serialiser: ISO-8601 text in UTC. */
    static final class InstantSerializer extends StdSerializer<Instant> {

        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(IsoInstants.format(value));
        }
    }
}
