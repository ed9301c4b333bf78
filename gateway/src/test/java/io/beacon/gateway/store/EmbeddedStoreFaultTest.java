package io.beacon.gateway.store;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A store H2 had to close (it does after a failure it cannot recover from) shows as down, with the cause. */
class EmbeddedStoreFaultTest {

    @Test
    void healthIsUpWhileTheFileServesAndDownWithTheCauseOnceH2ClosedIt(@TempDir Path dir) {
        try (MongoStore store = MongoStore.embedded(dir, 0)) {
            StoreHealthIndicator health = new StoreHealthIndicator(store, "beacon");
            assertThat(store.embeddedFault()).isNull();
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);

            MVStore file = store.embeddedBackendForTests().getMvStore();
            assertThatThrownBy(() -> file.panic(DataUtils.newMVStoreException(
                    DataUtils.ERROR_WRITING_FAILED, "Writing failed: {0}", "java.lang.OutOfMemoryError: Java heap space")))
                    .isInstanceOf(MVStoreException.class);

            assertThat(store.embeddedFault()).contains("embedded store failed").contains("OutOfMemoryError");
            Health down = health.health();
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails()).containsEntry("kind", "embedded");
            assertThat((String) down.getDetails().get("error")).contains("OutOfMemoryError");
        } // and closing it returns (H2's own close spins forever on a panicked store)
    }

    @Test
    void realMongoDbHasNoEmbeddedFault() {
        try (MongoStore store = MongoStore.connect("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=100")) {
            assertThat(store.embeddedFault()).isNull();
            assertThat(store.isEmbedded()).isFalse();
        }
    }
}
