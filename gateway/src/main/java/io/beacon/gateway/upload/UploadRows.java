package io.beacon.gateway.upload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.beacon.common.BeaconException;
import io.beacon.gateway.ws.WireJson;
import io.beacon.upload.value.UploadFormat;
import io.beacon.upload.value.UploadType;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.PushbackReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an uploaded file record by record, as a stream: one record in memory at a time whatever the
 * file's size. CSV (Jackson's streaming CSV parser) has a header row of column names
 * ({@link UploadColumns}); an empty cell is an absent field, a list cell's items are separated by
 * {@code ;}. NDJSON has one JSON object per line, shaped as the create action's {@code data}; blank lines
 * are skipped. A record that cannot be read as a row (a line that is not a JSON object, a CSV record with
 * more cells than the header) is a row with an error; a file that cannot be read on (malformed CSV quoting,
 * text that is not UTF-8) throws {@link UploadFileException} naming the record.
 */
final class UploadRows {

    /** The longest CSV cell or NDJSON line read; longer ones are refused (any field is far shorter). */
    static final int MAX_RECORD_CHARS = 1 << 20;

    private static final CsvMapper CSV = new CsvMapper(CsvFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_RECORD_CHARS).build())
            .build());

    private UploadRows() {
    }

    /** A reader of the file's records; reading the CSV header now (a bad header is a validation error). */
    static Reader open(UploadFormat format, UploadType type, InputStream in) {
        return format == UploadFormat.CSV ? new Csv(type, in) : new Ndjson(type, in);
    }

    /** The file's records in order; {@link #next()} answers null after the last. */
    interface Reader extends Closeable {
        UploadRow next();
    }

    private static java.io.Reader utf8(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    private static final class Csv implements Reader {

        private final Map<String, UploadColumns.Kind> kinds;
        private final MappingIterator<String[]> records;
        private final String[] header;
        private long number;

        Csv(UploadType type, InputStream in) {
            this.kinds = UploadColumns.of(type);
            try {
                PushbackReader text = new PushbackReader(utf8(in), 1);
                int first = text.read();
                if (first != -1 && first != '\uFEFF') {
                    text.unread(first);
                }
                records = CSV.readerFor(String[].class)
                        .with(CsvSchema.emptySchema())
                        .with(CsvParser.Feature.WRAP_AS_ARRAY)
                        .with(CsvParser.Feature.SKIP_EMPTY_LINES)
                        .readValues(text);
            } catch (CharacterCodingException e) {
                throw new UploadFileException("the file cannot be read as UTF-8 CSV: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String[] names = read("the header row");
            if (names == null) {
                throw BeaconException.validation("the CSV file is empty: it needs a header row naming its columns ("
                        + UploadColumns.describe(type) + ")");
            }
            header = new String[names.length];
            Set<String> seen = new HashSet<>();
            List<String> unknown = new ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                header[i] = names[i].trim();
                if (!kinds.containsKey(header[i])) {
                    unknown.add(header[i].isEmpty() ? "(an empty name)" : header[i]);
                } else if (!seen.add(header[i])) {
                    throw BeaconException.validation("column " + header[i] + " appears twice in the header row");
                }
            }
            if (!unknown.isEmpty()) {
                throw BeaconException.validation("unknown column(s) in the header row: " + String.join(", ", unknown)
                        + "; the columns of a " + type.wire() + " upload are " + UploadColumns.describe(type));
            }
        }

        @Override
        public UploadRow next() {
            String[] cells = read("row " + (number + 1));
            if (cells == null) {
                return null;
            }
            number++;
            if (cells.length > header.length) {
                return new UploadRow(number, null, "the row has " + cells.length + " cells, the header "
                        + header.length);
            }
            ObjectNode data = JsonNodeFactory.instance.objectNode();
            for (int i = 0; i < cells.length; i++) {
                String cell = cells[i];
                if (cell == null || cell.isBlank()) {
                    continue;
                }
                String column = header[i];
                JsonNode value = cell(kinds.get(column), cell.trim());
                if (column.startsWith("metadata.")) {
                    ObjectNode metadata = data.has("metadata") ? (ObjectNode) data.get("metadata") : data.putObject("metadata");
                    metadata.set(column.substring("metadata.".length()), value);
                } else {
                    data.set(column, value);
                }
            }
            return new UploadRow(number, data, null);
        }

        private static JsonNode cell(UploadColumns.Kind kind, String cell) {
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            return switch (kind) {
                case TEXT -> nodes.textNode(cell);
                case INTEGER -> {
                    try {
                        yield nodes.numberNode(Long.parseLong(cell));
                    } catch (NumberFormatException e) {
                        // Read as text, the field's own validation names it ("... must be an integer").
                        yield nodes.textNode(cell);
                    }
                }
                case LIST -> {
                    ArrayNode items = nodes.arrayNode();
                    for (String item : cell.split(";")) {
                        if (!item.isBlank()) {
                            items.add(item.trim());
                        }
                    }
                    yield items;
                }
            };
        }

        /**
         * The next record; a parse or decoding failure is the file's ({@link UploadFileException}), anything else
         * (the store failing to hand a chunk over) is thrown as it is, to be retried.
         */
        private String[] read(String what) {
            try {
                return records.hasNextValue() ? records.nextValue() : null;
            } catch (JsonProcessingException | CharacterCodingException | RuntimeJsonMappingException e) {
                throw new UploadFileException(what + " cannot be read: " + conciseMessage(e), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            records.close();
        }
    }

    private static final class Ndjson implements Reader {

        private final Set<String> fields;
        private final InputStream in;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private long number;

        Ndjson(UploadType type, InputStream in) {
            this.fields = UploadColumns.topLevel(type);
            this.in = new BufferedInputStream(in, 1 << 16);
        }

        @Override
        public UploadRow next() {
            while (true) {
                line.reset();
                boolean tooLong = false;
                int b;
                try {
                    while ((b = in.read()) != -1 && b != '\n') {
                        if (line.size() < MAX_RECORD_CHARS) {
                            line.write(b);
                        } else {
                            tooLong = true;
                        }
                    }
                } catch (IOException e) {
                    // Bytes are not decoded here: a failure is the store's, to be retried.
                    throw new UncheckedIOException(e);
                }
                if (b == -1 && line.size() == 0) {
                    return null;
                }
                if (!tooLong && isBlank(line.toByteArray())) {
                    continue;
                }
                number++;
                if (tooLong) {
                    return new UploadRow(number, null, "the line is longer than " + MAX_RECORD_CHARS + " bytes");
                }
                return parse(line.toByteArray());
            }
        }

        private UploadRow parse(byte[] bytes) {
            JsonNode node;
            try {
                node = WireJson.MAPPER.readTree(bytes);
            } catch (IOException e) {
                return new UploadRow(number, null, "the line is not valid JSON: " + conciseMessage(e));
            }
            if (node == null || !node.isObject()) {
                return new UploadRow(number, null, "the line must be a JSON object");
            }
            List<String> unknown = new ArrayList<>();
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!fields.contains(name)) {
                    unknown.add(name);
                }
            }
            if (!unknown.isEmpty()) {
                return new UploadRow(number, null, "unknown field(s): " + String.join(", ", unknown));
            }
            return new UploadRow(number, (ObjectNode) node, null);
        }

        private static boolean isBlank(byte[] bytes) {
            for (byte b : bytes) {
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** The parser's message without its location dump (which may quote the file at length). */
    static String conciseMessage(Throwable e) {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        if (message == null) {
            message = e.getClass().getSimpleName();
        }
        message = message.replaceAll("\\s+", " ").trim();
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }
}
