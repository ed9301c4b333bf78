package io.beacon.gateway.ws;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A multi-value filter as clients send it: a comma-separated string ({@code "A,B"}) or an array of
 * strings ({@code ["A","B"]}); both mean the same values. Array entries are taken whole.
 */
@JsonDeserialize(using = TextList.Reader.class)
public record TextList(List<String> values) {

    public TextList {
        values = List.copyOf(values);
    }

    public static List<String> valuesOf(TextList list) {
        return list == null ? List.of() : list.values();
    }

    static final class Reader extends JsonDeserializer<TextList> {

        @Override
        public TextList deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                List<String> values = new ArrayList<>();
                for (String part : parser.getText().split(",")) {
                    if (!part.isBlank()) {
                        values.add(part.trim());
                    }
                }
                return new TextList(values);
            }
            if (parser.currentToken() == JsonToken.START_ARRAY) {
                List<String> values = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (parser.currentToken() != JsonToken.VALUE_STRING) {
                        return (TextList) context.handleUnexpectedToken(TextList.class, parser);
                    }
                    values.add(parser.getText());
                }
                return new TextList(values);
            }
            return (TextList) context.handleUnexpectedToken(TextList.class, parser);
        }
    }
}
