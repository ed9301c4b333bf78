package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import io.beacon.gateway.BeaconApplication;
import io.beacon.gateway.store.MongoStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application nodes on one store (node A hosts the embedded store, node B connects to it as to a
 * MongoDB): a channel subscriber on node B receives the events of commands handled on node A, once
 * each, the two nodes' projections share the work instead of both doing it (one claim per processor), and
 * a write answered on either node is read at once on the other.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TwoNodesTest {

    private static final String WRITE_KEY = "two-nodes-write-key";
    private static final String ADMIN_EMAIL = "admin@two-nodes.test";
    private static final String ADMIN_PASSWORD = "two-nodes-admin-password";
    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    private ConfigurableApplicationContext start(String... extra) {
        List<String> properties = new ArrayList<>(List.of(
                "server.port=0",
                "beacon.data-dir=" + TempDirs.create("beacon-two-nodes"),
                "beacon.embedded-mongo-port=0",
                "beacon.write-key=" + WRITE_KEY,
                "beacon.auth.jwt-secret=two-nodes-jwt-secret-0123456789abcdef-0123",
                "beacon.auth.admin-email=" + ADMIN_EMAIL,
                "beacon.auth.admin-password=" + ADMIN_PASSWORD));
        properties.addAll(List.of(extra));
        // As command-line arguments: they win over application.yml (builder "properties" would not).
        ConfigurableApplicationContext node = new SpringApplicationBuilder(BeaconApplication.class)
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
        nodes.add(node);
        return node;
    }

    private static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    @AfterEach
    void stop() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
    }

    @Test
    void aSubscriberOnNodeBReceivesTheWritesOfNodeAOnceAndProjectionsRunOnOneNode() throws Exception {
        ConfigurableApplicationContext nodeA = start("beacon.mongodb-uri=");
        int storePort = nodeA.getBean(MongoStore.class).embeddedAddress().getPort();
        ConfigurableApplicationContext nodeB = start("beacon.mongodb-uri=mongodb://127.0.0.1:" + storePort + "/beacon");
        BeaconRest restA = new BeaconRest(port(nodeA));
        String token = restA.login(ADMIN_EMAIL, ADMIN_PASSWORD).path("access_token").asText();

        List<String> created = new ArrayList<>();
        try (ChannelClient onB = ChannelClient.open(port(nodeB), token);
             WsClient onA = WsClient.connect(port(nodeA), token)) {
            onB.connected();
            onB.subscribe("companies");
            for (int i = 0; i < 5; i++) {
                JsonNode answer = onA.call("create_company", Map.of("write_key", WRITE_KEY, "name", "Two Nodes " + i));
                assertThat(answer.path("status").asText()).as("%s", answer).isEqualTo("success");
                created.add(answer.path("data").path("uuid").asText());
            }

            List<String> received = new ArrayList<>();
            for (int i = 0; i < created.size(); i++) {
                received.add(onB.nextEvent("companies", m -> true, "company " + i).path("data").path("company_uuid").asText());
            }
            // A sixth write marks the end: had anything come twice, it would arrive before this one.
            JsonNode last = onA.call("create_company", Map.of("write_key", WRITE_KEY, "name", "Two Nodes end"));
            String end = last.path("data").path("uuid").asText();
            JsonNode endEvent = onB.nextEvent("companies", m -> true, "the end marker");

            assertThat(received).containsExactlyElementsOf(created);
            assertThat(endEvent.path("data").path("company_uuid").asText()).isEqualTo(end);
        }

        // Each tracking processor's segment is claimed by one node: its token names that node as owner.
        MongoClient store = nodeA.getBean(MongoStore.class).client();
        List<Document> tokens = store.getDatabase("beacon").getCollection("trackingtokens")
                .find().into(new ArrayList<>());
        assertThat(tokens).extracting(t -> t.getString("processorName")).contains("companies").doesNotHaveDuplicates();
        assertThat(tokens).allSatisfy(t -> assertThat(t.getString("owner")).isNotBlank());
        // Node B reads what node A wrote; a write answered on node B shows at once on node A (read-your-writes
        // across nodes, whichever node projects it), and node A's subscribers get it.
        try (WsClient onB = WsClient.connect(port(nodeB), token);
             WsClient onA = WsClient.connect(port(nodeA), token);
             ChannelClient feedA = ChannelClient.open(port(nodeA), token)) {
            feedA.connected();
            feedA.subscribe("companies");
            JsonNode company = onB.call("get_company", Map.of("company_uuid", created.get(0)));
            assertThat(company.path("data").path("name").asText()).isEqualTo("Two Nodes 0");
            JsonNode writtenOnB = onB.call("create_company", Map.of("write_key", WRITE_KEY, "name", "Written on B"));
            assertThat(writtenOnB.path("status").asText()).as("%s", writtenOnB).isEqualTo("success");
            String uuid = writtenOnB.path("data").path("uuid").asText();
            JsonNode readOnA = onA.call("get_company", Map.of("company_uuid", uuid));
            assertThat(readOnA.path("data").path("name").asText()).as("%s", readOnA).isEqualTo("Written on B");
            assertThat(feedA.nextEvent("companies", m -> uuid.equals(m.path("data").path("company_uuid").asText()),
                    "B's write on A").path("type").asText()).isEqualTo("company_created");
        }
    }
}
