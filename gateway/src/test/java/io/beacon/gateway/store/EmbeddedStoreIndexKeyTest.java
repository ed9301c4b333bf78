package io.beacon.gateway.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link IndexKeyType} must keep H2's own key order: a file written with the plain backend is searched
 * by index with the memoizing one and the other way round, and the memoizing backend's index maps
 * really use it.
 */
class EmbeddedStoreIndexKeyTest {

    private static final int DOCUMENTS = 3_000;

    @Test
    void indexesWrittenEitherWayAreFoundTheOther(@TempDir Path dir) {
        Path file = dir.resolve("keys.mv");
        List<Object> ids = ids();
        withStore(file, H2Backend::new, rows -> {
            rows.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true));
            for (int i = 0; i < DOCUMENTS / 2; i++) {
                rows.insertOne(new Document("_id", ids.get(i)).append("code", "c" + i));
            }
        });
        withStore(file, VersionPinningH2Backend::new, rows -> {
            assertAllFound(rows, ids, DOCUMENTS / 2);
            for (int i = DOCUMENTS / 2; i < DOCUMENTS; i++) {
                rows.insertOne(new Document("_id", ids.get(i)).append("code", "c" + i));
            }
            assertAllFound(rows, ids, DOCUMENTS);
        });
        withStore(file, H2Backend::new, rows -> assertAllFound(rows, ids, DOCUMENTS));
    }

    @Test
    void indexMapsCompareThroughTheMemo(@TempDir Path dir) {
        Path file = dir.resolve("type.mv");
        withStore(file, VersionPinningH2Backend::new, rows -> {
            rows.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true));
            rows.insertOne(new Document("_id", "a").append("code", "x"));
        });
        // Reopened: the indexes are opened from the file, by H2Backend's constructor.
        MVStore mvStore = new MVStore.Builder().fileName(file.toString()).open();
        withStore(mvStore, VersionPinningH2Backend::new, rows -> {
            rows.insertOne(new Document("_id", "b").append("code", "y"));
            List<String> indexMaps = mvStore.getMapNames().stream().filter(name -> name.contains("._index_")).toList();
            assertThat(indexMaps).hasSize(2);
            // openMap answers the map already open, with the key type it was opened with.
            indexMaps.forEach(name -> assertThat(mvStore.openMap(name).getKeyType()).isInstanceOf(IndexKeyType.class));
        });
    }

    /** Strings of varied lengths, numbers and mixed types, in random order. */
    private static List<Object> ids() {
        Random random = new Random(11);
        List<Object> ids = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            ids.add(switch (i % 3) {
                case 0 -> "id-" + "x".repeat(random.nextInt(20)) + Integer.toString(random.nextInt(Integer.MAX_VALUE), 36);
                case 1 -> (long) random.nextInt(1_000_000) * 1_000_003L + i;
                default -> i;
            });
        }
        return ids;
    }

    private static void assertAllFound(MongoCollection<Document> rows, List<Object> ids, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(rows.find(Filters.eq("_id", ids.get(i))).first()).as("_id %s", ids.get(i))
                    .isNotNull().extracting(d -> d.get("code")).isEqualTo("c" + i);
            assertThat(rows.find(Filters.eq("code", "c" + i)).first()).as("code c%d", i)
                    .isNotNull().extracting(d -> d.get("_id")).isEqualTo(ids.get(i));
        }
        assertThat(rows.countDocuments()).isEqualTo(count);
    }

    private static void withStore(Path file, Function<MVStore, H2Backend> backends, Consumer<MongoCollection<Document>> work) {
        withStore(new MVStore.Builder().fileName(file.toString()).open(), backends, work);
    }

    /** Runs {@code work} on a collection of a server on {@code mvStore}; closing the server closes the file. */
    private static void withStore(MVStore mvStore, Function<MVStore, H2Backend> backends,
                                  Consumer<MongoCollection<Document>> work) {
        H2Backend backend = backends.apply(mvStore);
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            work.accept(client.getDatabase("keys").getCollection("rows"));
        } finally {
            server.shutdownNow();
        }
    }
}
