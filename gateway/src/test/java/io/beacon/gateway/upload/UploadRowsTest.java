package io.beacon.gateway.upload;

import io.beacon.common.BeaconException;
import io.beacon.upload.value.UploadFormat;
import io.beacon.upload.value.UploadType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UploadRowsTest {

    @Test
    void csvCellsBecomeTheCreateActionsFields() {
        List<UploadRow> rows = read(UploadFormat.CSV, UploadType.COMPANIES,
                "\uFEFFname, employees_count ,industries,metadata.city,metadata.country\r\n"
                        + "\"Acme, Inc.\",42,\"Software; Retail;\",Paris,France\r\n"
                        + "\r\n"
                        + "\"Multi\nline\",,,,\n");

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).number()).isEqualTo(1);
        assertThat(rows.get(0).data().toString()).isEqualTo(
                "{\"name\":\"Acme, Inc.\",\"employees_count\":42,\"industries\":[\"Software\",\"Retail\"],"
                        + "\"metadata\":{\"city\":\"Paris\",\"country\":\"France\"}}");
        assertThat(rows.get(1).number()).as("a blank line is no record").isEqualTo(2);
        assertThat(rows.get(1).data().toString()).isEqualTo("{\"name\":\"Multi\\nline\"}");
    }

    @Test
    void aCellThatIsNoIntegerIsLeftForTheFieldsValidation() {
        UploadRow row = read(UploadFormat.CSV, UploadType.COMPANIES, "name,employees_count\nAcme,many\n").get(0);
        assertThat(row.data().get("employees_count").isTextual()).isTrue();
    }

    @Test
    void aRecordWithMoreCellsThanTheHeaderIsABadRowAndTheNextOnesAreRead() {
        List<UploadRow> rows = read(UploadFormat.CSV, UploadType.CONTACTS, "first_name,company_uuid\nA,x,y\nB,z\n");
        assertThat(rows.get(0).error()).isEqualTo("the row has 3 cells, the header 2");
        assertThat(rows.get(1).data().path("first_name").asText()).isEqualTo("B");
    }

    @Test
    void aHeaderNamingUnknownColumnsIsRefusedNamingThem() {
        assertThatThrownBy(() -> read(UploadFormat.CSV, UploadType.COMPANIES, "name,colour,metadata.moon\n"))
                .isInstanceOf(BeaconException.class)
                .hasMessageStartingWith("unknown column(s) in the header row: colour, metadata.moon");
        assertThatThrownBy(() -> read(UploadFormat.CSV, UploadType.CONTACTS, ""))
                .isInstanceOf(BeaconException.class).hasMessageContaining("empty");
    }

    @Test
    void malformedCsvStopsTheFileNamingTheRow() {
        assertThatThrownBy(() -> read(UploadFormat.CSV, UploadType.COMPANIES, "name,address\nA,b\nC,\"d\"e\n"))
                .isInstanceOf(UploadFileException.class)
                .hasMessageStartingWith("row 2 cannot be read");
    }

    @Test
    void ndjsonLinesAreRowsAndBadLinesAreBadRows() {
        String tooLong = "{\"name\":\"" + "x".repeat(UploadRows.MAX_RECORD_CHARS) + "\"}";
        List<UploadRow> rows = read(UploadFormat.NDJSON, UploadType.COMPANIES,
                "{\"name\":\"A\",\"metadata\":{\"city\":\"Oslo\"}}\r\n  \n{oops\n" + tooLong + "\n\"text\"\n{\"nom\":1}\n{\"name\":\"B\"}");

        assertThat(rows).extracting(UploadRow::number).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(rows.get(0).data().path("metadata").path("city").asText()).isEqualTo("Oslo");
        assertThat(rows.get(1).error()).startsWith("the line is not valid JSON");
        assertThat(rows.get(2).error()).isEqualTo("the line is longer than " + UploadRows.MAX_RECORD_CHARS + " bytes");
        assertThat(rows.get(3).error()).isEqualTo("the line must be a JSON object");
        assertThat(rows.get(4).error()).isEqualTo("unknown field(s): nom");
        assertThat(rows.get(5).data().path("name").asText()).as("the last line needs no newline").isEqualTo("B");
    }

    @Test
    void aFileIsReadAsAStreamNotWhole() throws IOException {
        for (UploadFormat format : UploadFormat.values()) {
            Generated file = new Generated(format, 300_000);
            try (UploadRows.Reader reader = UploadRows.open(format, UploadType.COMPANIES, file)) {
                assertThat(reader.next().data().path("name").asText()).isEqualTo("Some firm");
                // The first row is answered after reading a buffer's worth, not the file (8+ MB).
                assertThat(file.position).as(format + " bytes read for the first row").isLessThan(256 * 1024);
                long count = 1;
                while (reader.next() != null) {
                    count++;
                }
                assertThat(count).isEqualTo(300_000);
                assertThat(file.position).isEqualTo(file.size);
            }
        }
    }

    /** A file of {@code records} identical rows, generated as it is read. */
    private static final class Generated extends InputStream {
        private final byte[] header;
        private final byte[] line;
        private final long size;
        private long position;

        Generated(UploadFormat format, long records) {
            header = (format == UploadFormat.CSV ? "name,employees_count\n" : "").getBytes(StandardCharsets.UTF_8);
            line = (format == UploadFormat.CSV ? "Some firm,12345\n" : "{\"name\":\"Some firm\",\"employees_count\":12345}\n")
                    .getBytes(StandardCharsets.UTF_8);
            size = header.length + records * line.length;
        }

        @Override
        public int read() {
            if (position >= size) {
                return -1;
            }
            long at = position++;
            return at < header.length ? header[(int) at] : line[(int) ((at - header.length) % line.length)];
        }
    }

    private static List<UploadRow> read(UploadFormat format, UploadType type, String text) {
        List<UploadRow> rows = new ArrayList<>();
        try (UploadRows.Reader reader = UploadRows.open(format, type,
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            UploadRow row;
            while ((row = reader.next()) != null) {
                rows.add(row);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return rows;
    }
}
