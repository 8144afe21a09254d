package changeledger.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.time.Instant;

/**
 * The mapper of request and response bodies: the application's mapper, and for reading a caller's JSON also
 * no trailing tokens, no duplicate keys, text without control characters (tab and line breaks aside) or lone
 * surrogates, and instants in the years 1970-9999. Each is a 400 naming the field. The application's own
 * mapper, which reads stored events, stays as it was.
 */
@Provider
public class StrictJsonResolver implements ContextResolver<ObjectMapper> {

    private final ObjectMapper strict;

    /** Copies the application's mapper. */
    public StrictJsonResolver(ObjectMapper mapper) {
        this.strict = mapper.copy()
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
                .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true)
                .registerModule(new SimpleModule("changeledger-strict-text")
                        .addDeserializer(String.class, new StrictText.Deserializer())
                        .addDeserializer(Instant.class, new StrictText.InstantInRange()));
        // a string where a number or flag is expected is refused, also an empty or blank one ("\u0000" trims to
        // blank), which Jackson would otherwise read as null: a budget sent as "" would silently be removed
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            strict.coercionConfigFor(type).setAcceptBlankAsEmpty(false)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }
}
