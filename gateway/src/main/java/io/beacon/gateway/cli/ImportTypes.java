package io.beacon.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.beacon.upload.value.UploadFormat;
import io.beacon.upload.value.UploadType;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The type of an import when {@code --type} is not given, from the file's columns (the CSV header, or the
 * fields of the first NDJSON record): a {@code company_uuid} column means contacts (every contact belongs to
 * a company; companies have no such field), else a {@code name} column means companies. Neither: the
 * operator is asked to say {@code --type}. Only the first record is read.
 */
final class ImportTypes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ImportTypes() {
    }

    static UploadType detect(Path file, UploadFormat format) {
        List<String> columns;
        try {
            columns = format == UploadFormat.CSV ? csvHeader(file) : firstRecordFields(file);
        } catch (IOException | RuntimeException e) {
            throw new UsageException("cannot read the columns of " + file + " (" + e.getMessage()
                    + "): say --type=companies|contacts");
        }
        if (columns.contains("company_uuid")) {
            return UploadType.CONTACTS;
        }
        if (columns.contains("name")) {
            return UploadType.COMPANIES;
        }
        throw new UsageException("cannot tell whether " + file + " holds companies or contacts (no company_uuid"
                + " or name column): say --type=companies|contacts");
    }

    private static List<String> csvHeader(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             MappingIterator<String[]> rows = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                     .readerFor(String[].class).readValues(reader)) {
            if (!rows.hasNext()) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            for (String name : rows.next()) {
                names.add(stripBom(name).trim());
            }
            return names;
        }
    }

    private static List<String> firstRecordFields(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode record;
                try {
                    record = JSON.readTree(stripBom(line));
                } catch (IOException e) {
                    return List.of();
                }
                List<String> names = new ArrayList<>();
                if (record != null && record.isObject()) {
                    record.fieldNames().forEachRemaining(names::add);
                }
                return names;
            }
            return List.of();
        }
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
