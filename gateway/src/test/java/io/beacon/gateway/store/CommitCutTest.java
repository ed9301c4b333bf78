package io.beacon.gateway.store;

import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which requests run beside a commit of the embedded store (reads), and which a commit waits for (the rest). */
class CommitCutTest {

    @Test
    void readsRunBesideACommitAndEverythingElseWaits() {
        assertThat(VersionPinningH2Backend.readsOnly(command("find"))).isTrue();
        assertThat(VersionPinningH2Backend.readsOnly(command("getMore"))).isTrue();
        assertThat(VersionPinningH2Backend.readsOnly(aggregate(new Document("$match", new Document("a", 1)),
                new Document("$group", new Document("_id", null))))).as("a count is an aggregation").isTrue();

        assertThat(VersionPinningH2Backend.readsOnly(aggregate(new Document("$match", new Document()),
                new Document("$out", "copy")))).isFalse();
        assertThat(VersionPinningH2Backend.readsOnly(aggregate(new Document("$merge", "copy")))).isFalse();
        for (String write : List.of("insert", "update", "delete", "findAndModify", "createIndexes", "drop", "whatever")) {
            assertThat(VersionPinningH2Backend.readsOnly(command(write))).as(write).isFalse();
        }
        assertThat(VersionPinningH2Backend.readsOnly(new Document())).isFalse();
        assertThat(VersionPinningH2Backend.readsOnly(null)).isFalse();
    }

    private static Document command(String name) {
        return new Document(name, "collection").append("$db", "beacon");
    }

    private static Document aggregate(Document... stages) {
        return new Document("aggregate", "collection").append("pipeline", List.of(stages)).append("$db", "beacon");
    }
}
