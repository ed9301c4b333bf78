package io.beacon.gateway.cli;

import io.beacon.upload.value.UploadFormat;
import io.beacon.upload.value.UploadType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportTypesTest {

    @TempDir
    Path dir;

    @Test
    void aCsvWithACompanyUuidColumnHoldsContacts() throws Exception {
        Path file = Files.writeString(dir.resolve("people.csv"), "first_name,\"company_uuid\",email\nAda,x,a@b.c\n");

        assertThat(ImportTypes.detect(file, UploadFormat.CSV)).isEqualTo(UploadType.CONTACTS);
    }

    @Test
    void aCsvWithANameColumnHoldsCompanies() throws Exception {
        Path file = Files.writeString(dir.resolve("orgs.csv"), "\uFEFFname , employees_count\nAcme,3\n");

        assertThat(ImportTypes.detect(file, UploadFormat.CSV)).isEqualTo(UploadType.COMPANIES);
    }

    @Test
    void anNdjsonFileIsJudgedByItsFirstRecord() throws Exception {
        Path contacts = Files.writeString(dir.resolve("a.ndjson"),
                "\n{\"first_name\":\"Ada\",\"company_uuid\":\"x\"}\n{\"name\":\"Acme\"}\n");
        Path companies = Files.writeString(dir.resolve("b.ndjson"), "{\"name\":\"Acme\",\"metadata\":{}}\n");

        assertThat(ImportTypes.detect(contacts, UploadFormat.NDJSON)).isEqualTo(UploadType.CONTACTS);
        assertThat(ImportTypes.detect(companies, UploadFormat.NDJSON)).isEqualTo(UploadType.COMPANIES);
    }

    @Test
    void aFileThatSaysNeitherAsksForTheType() throws Exception {
        Path csv = Files.writeString(dir.resolve("x.csv"), "title,city\nCEO,Porto\n");
        Path empty = Files.writeString(dir.resolve("y.csv"), "");
        Path notJson = Files.writeString(dir.resolve("z.ndjson"), "name: Acme\n");

        for (Path file : new Path[]{csv, empty}) {
            assertThatThrownBy(() -> ImportTypes.detect(file, UploadFormat.CSV)).isInstanceOf(UsageException.class)
                    .hasMessageContaining("say --type=companies|contacts");
        }
        assertThatThrownBy(() -> ImportTypes.detect(notJson, UploadFormat.NDJSON)).isInstanceOf(UsageException.class)
                .hasMessageContaining("say --type=companies|contacts");
    }
}
