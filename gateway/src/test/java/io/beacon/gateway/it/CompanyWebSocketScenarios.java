package io.beacon.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static io.beacon.gateway.it.Json.arr;
import static io.beacon.gateway.it.Json.obj;
import static io.beacon.gateway.it.Json.with;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static io.beacon.gateway.it.PageUrls.cursorOf;
import static io.beacon.gateway.it.PageUrls.queryParameters;
import static io.beacon.gateway.it.StoredEventDocuments.parse;

/**
 * What a client of the companies endpoint experiences, end to end: REST auth, a real WebSocket
 * connection, the command side, the event store, the projection and the read model. Each concrete
 * subclass runs every scenario on one store. Every scenario creates its own companies, with names or
 * values no other scenario uses, and scopes its reads to them.
 */
abstract class CompanyWebSocketScenarios extends BeaconScenarioSupport {

    private static final String UUID_SHAPE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final Set<String> DETAIL_FIELDS = Set.of("id", "uuid", "name", "employees_count", "annual_revenue",
            "total_funding", "industries", "keywords", "technologies", "address", "text_search", "metadata",
            "version", "created_at", "updated_at");
    private static final Set<String> METADATA_FIELDS = Set.of("city", "state", "country", "phone_number", "website",
            "linkedin_url", "facebook_url", "twitter_url");

    // ---------------------------------------------------------------- handshake

    @Test
    void upgradeWithoutTokenIsRefusedWith401() {
        assertThat(WsClient.refusedHandshakeStatus(WsClient.companiesEndpoint(port, null), Map.of())).isEqualTo(401);
    }

    @Test
    void upgradeWithGarbageTokenIsRefusedWith401() {
        assertThat(WsClient.refusedHandshakeStatus(WsClient.companiesEndpoint(port, "not.a.jwt"), Map.of())).isEqualTo(401);
    }

    @Test
    void upgradeWithRefreshTokenIsRefusedWith401() {
        String refreshToken = rest().login(ADMIN_EMAIL, ADMIN_PASSWORD).path("refresh_token").asText();

        assertThat(WsClient.refusedHandshakeStatus(WsClient.companiesEndpoint(port, refreshToken), Map.of())).isEqualTo(401);
    }

    @Test
    void upgradeWithBearerHeaderIsAccepted() {
        String token = adminLogin().path("access_token").asText();

        try (WsClient client = WsClient.open(WsClient.companiesEndpoint(port, null), Map.of("Authorization", "Bearer " + token))) {
            assertThat(success(client.call("count_companies", obj())).path("count").isIntegralNumber()).isTrue();
        }
    }

    // ---------------------------------------------------------------- token renewal on a connection

    @Test
    void authRenewalRefusesAnotherUsersTokenAndAGarbageTokenAndKeepsTheConnection() {
        WsClient admin = admin();
        String otherUsersToken = rest().register(unique("other") + "@scenarios.beacon.test", "other-password-1", "Other")
                .path("access_token").asText();

        assertError(admin.call("auth", obj("token", otherUsersToken)), "forbidden");
        assertError(admin.call("auth", obj("token", "not.a.jwt")), "unauthorized");
        assertError(admin.call("auth", obj()), "missing_field");

        JsonNode renewed = success(admin.call("auth", obj("token", adminLogin().path("access_token").asText())));
        assertThat(renewed.path("expires_at").asText()).isNotBlank();
        assertThat(admin.isOpen()).isTrue();
        assertThat(success(admin.call("count_companies", obj())).path("count").asLong()).isGreaterThanOrEqualTo(0);
    }

    // ---------------------------------------------------------------- write permission

    @Test
    void userRoleIsForbiddenToWriteEvenWithTheWriteKey() {
        String tag = unique("forbid");
        JsonNode existing = create(admin(), "name", tag + " existing");
        WsClient user = user();

        assertError(user.call("create_company", keyed("name", tag + " new")), "forbidden");
        assertError(user.call("update_company", keyed("company_uuid", existing.path("uuid").asText(), "name", "x")), "forbidden");
        assertError(user.call("delete_company", keyed("company_uuid", existing.path("uuid").asText())), "forbidden");
        assertThat(listNames(user, obj("name", tag))).containsExactly(tag + " existing");
        assertThat(success(user.call("get_company", obj("company_uuid", existing.path("uuid").asText()))).path("version").asLong())
                .isEqualTo(1);
    }

    @Test
    void adminWithoutWriteKeyIsForbidden() {
        String tag = unique("nokey");
        WsClient admin = admin();
        JsonNode existing = create(admin, "name", tag + " existing");
        String uuid = existing.path("uuid").asText();

        assertError(admin.call("create_company", obj("name", tag + " new")), "forbidden");
        assertError(admin.call("update_company", obj("company_uuid", uuid, "name", "changed")), "forbidden");
        assertError(admin.call("delete_company", obj("company_uuid", uuid)), "forbidden");
        assertThat(listNames(admin, obj("name", tag))).containsExactly(tag + " existing");
    }

    @Test
    void adminWithWrongWriteKeyIsForbidden() {
        String tag = unique("badkey");
        WsClient admin = admin();
        JsonNode existing = create(admin, "name", tag + " existing");
        String uuid = existing.path("uuid").asText();

        assertError(admin.call("create_company", obj("write_key", WRITE_KEY + "x", "name", tag + " new")), "forbidden");
        assertError(admin.call("create_company", obj("X-Companies-Write-Key", "", "name", tag + " new")), "forbidden");
        assertError(admin.call("update_company", obj("write_key", "guess", "company_uuid", uuid, "name", "changed")), "forbidden");
        assertError(admin.call("delete_company", obj("X-Companies-Write-Key", "guess", "company_uuid", uuid)), "forbidden");
        assertThat(listNames(admin, obj("name", tag))).containsExactly(tag + " existing");
    }

    @Test
    void writeKeyIsAcceptedAsWriteKeyOrAsHeaderNamedField() {
        String tag = unique("keys");
        WsClient admin = admin();

        JsonNode viaWriteKey = success(admin.call("create_company", obj("write_key", WRITE_KEY, "name", tag + " one")));
        JsonNode viaHeaderName = success(admin.call("create_company", obj("X-Companies-Write-Key", WRITE_KEY, "name", tag + " two")));
        JsonNode updated = success(admin.call("update_company",
                obj("X-Companies-Write-Key", WRITE_KEY, "company_uuid", viaWriteKey.path("uuid").asText(), "employees_count", 7)));
        success(admin.call("delete_company", obj("X-Companies-Write-Key", WRITE_KEY, "company_uuid", viaHeaderName.path("uuid").asText())));

        assertThat(updated.path("employees_count").asLong()).isEqualTo(7);
        assertThat(viaWriteKey.has("write_key")).isFalse();
        assertThat(listNames(admin, obj("name", tag))).containsExactly(tag + " one");
    }

    // ---------------------------------------------------------------- create and get

    @Test
    void createWithoutUuidAssignsOneAndAnswersTheFullDetail() {
        String tag = unique("create");

        JsonNode created = create(admin(), "name", tag + " Acme", "employees_count", 250,
                "annual_revenue", 50_000_000L, "total_funding", 25_000_000L,
                "industries", arr("Technology", "Software"), "keywords", arr("saas"), "technologies", arr("Java"),
                "address", "123 Main St", "text_search", "bay area payments",
                "metadata", obj("city", "San Francisco", "state", "CA", "country", "United States",
                        "website", "https://acme.example"));

        assertThat(fieldNames(created)).containsExactlyInAnyOrderElementsOf(DETAIL_FIELDS);
        assertThat(fieldNames(created.path("metadata"))).containsExactlyInAnyOrderElementsOf(METADATA_FIELDS);
        assertThat(created.path("id").isIntegralNumber()).isTrue();
        assertThat(created.path("id").asLong()).isPositive();
        assertThat(created.path("uuid").asText()).matches(UUID_SHAPE);
        assertThat(created.path("name").asText()).isEqualTo(tag + " Acme");
        assertThat(created.path("employees_count").asLong()).isEqualTo(250);
        assertThat(created.path("annual_revenue").asLong()).isEqualTo(50_000_000L);
        assertThat(created.path("total_funding").asLong()).isEqualTo(25_000_000L);
        assertThat(texts(created.path("industries"))).containsExactly("Technology", "Software");
        assertThat(texts(created.path("keywords"))).containsExactly("saas");
        assertThat(texts(created.path("technologies"))).containsExactly("Java");
        assertThat(created.path("address").asText()).isEqualTo("123 Main St");
        assertThat(created.path("text_search").asText()).isEqualTo("bay area payments");
        assertThat(created.path("metadata").path("city").asText()).isEqualTo("San Francisco");
        assertThat(created.path("metadata").path("website").asText()).isEqualTo("https://acme.example");
        assertThat(created.path("metadata").path("phone_number").isNull()).isTrue();
        assertThat(created.path("version").asLong()).isEqualTo(1);
        Instant createdAt = Instant.parse(created.path("created_at").asText());
        assertThat(Instant.parse(created.path("updated_at").asText())).isEqualTo(createdAt);
    }

    @Test
    void createWithClientUuidKeepsThatUuid() {
        String uuid = UUID.randomUUID().toString();
        WsClient admin = admin();

        JsonNode created = create(admin, "uuid", uuid, "name", unique("client-uuid"));

        assertThat(created.path("uuid").asText()).isEqualTo(uuid);
        assertThat(success(admin.call("get_company", obj("company_uuid", uuid))).path("id").asLong())
                .isEqualTo(created.path("id").asLong());
    }

    @Test
    void createWithExistingUuidIsConflictAndLeavesTheCompanyUnchanged() {
        String uuid = UUID.randomUUID().toString();
        String tag = unique("dup");
        WsClient admin = admin();
        JsonNode original = create(admin, "uuid", uuid, "name", tag + " original", "employees_count", 1);

        JsonNode duplicate = admin.call("create_company", keyed("uuid", uuid, "name", tag + " impostor", "employees_count", 2));

        assertError(duplicate, "conflict");
        assertThat(success(admin.call("get_company", obj("company_uuid", uuid)))).isEqualTo(original);
        assertThat(listNames(admin, obj("name", tag))).containsExactly(tag + " original");
    }

    @Test
    void getAnswersTheCompanyAsCreated() {
        WsClient admin = admin();
        JsonNode created = create(admin, "name", unique("get"), "keywords", arr("one", "two"),
                "metadata", obj("country", "Chile"));

        JsonNode found = success(admin.call("get_company", obj("company_uuid", created.path("uuid").asText())));

        assertThat(found).isEqualTo(created);
    }

    @Test
    void getOfUnknownUuidIsNotFound() {
        assertError(admin().call("get_company", obj("company_uuid", UUID.randomUUID().toString())), "not_found");
    }

    @Test
    void integerIdsIncreaseInCreationOrder() {
        String tag = unique("ids");
        WsClient admin = admin();

        List<Long> ids = IntStream.rangeClosed(1, 4)
                .mapToObj(i -> create(admin, "name", tag + " " + i).path("id").asLong())
                .toList();

        assertThat(ids).isSorted().doesNotHaveDuplicates();
        JsonNode listed = success(admin.call("list_companies", obj("name", tag, "ordering", "id")));
        assertThat(StreamSupport.stream(listed.path("results").spliterator(), false).map(c -> c.path("id").asLong()))
                .containsExactlyElementsOf(ids);
    }

    // ---------------------------------------------------------------- update

    @Test
    void updateChangesOnlyTheGivenFieldsAndIncrementsTheVersion() {
        WsClient admin = admin();
        JsonNode created = create(admin, "name", unique("partial"), "employees_count", 10, "annual_revenue", 100,
                "industries", arr("Retail"), "address", "1 Old Road", "metadata", obj("city", "Lima", "country", "Peru"));

        JsonNode updated = success(admin.call("update_company",
                keyed("company_uuid", created.path("uuid").asText(), "employees_count", 20)));

        ObjectNode expected = created.deepCopy();
        expected.put("employees_count", 20).put("version", 2).set("updated_at", updated.path("updated_at"));
        assertThat(updated).isEqualTo(expected);
        assertThat(Instant.parse(updated.path("updated_at").asText()))
                .isAfterOrEqualTo(Instant.parse(created.path("updated_at").asText()));
        assertThat(success(admin.call("get_company", obj("company_uuid", created.path("uuid").asText())))).isEqualTo(updated);
    }

    @Test
    void updateWithNullClearsTheField() {
        WsClient admin = admin();
        JsonNode created = create(admin, "name", unique("clear"), "employees_count", 10, "address", "2 Lane",
                "industries", arr("Energy"), "metadata", obj("city", "Oslo", "website", "https://clear.example"));

        JsonNode updated = success(admin.call("update_company", keyed("company_uuid", created.path("uuid").asText(),
                "employees_count", null, "address", null, "industries", null, "metadata", obj("website", null))));

        assertThat(updated.path("employees_count").isNull()).isTrue();
        assertThat(updated.path("address").isNull()).isTrue();
        assertThat(updated.path("industries")).isEmpty();
        assertThat(updated.path("metadata").path("website").isNull()).isTrue();
        assertThat(updated.path("metadata").path("city").asText()).isEqualTo("Oslo");
        assertThat(updated.path("name").asText()).isEqualTo(created.path("name").asText());
        assertThat(updated.path("version").asLong()).isEqualTo(2);
    }

    @Test
    void updateMergesMetadataKeys() {
        WsClient admin = admin();
        JsonNode created = create(admin, "name", unique("merge"),
                "metadata", obj("city", "San Francisco", "state", "CA", "country", "United States"));

        JsonNode updated = success(admin.call("update_company",
                keyed("company_uuid", created.path("uuid").asText(), "metadata", obj("city", "Oakland", "phone_number", "+1-510"))));

        JsonNode metadata = updated.path("metadata");
        assertThat(metadata.path("city").asText()).isEqualTo("Oakland");
        assertThat(metadata.path("phone_number").asText()).isEqualTo("+1-510");
        assertThat(metadata.path("state").asText()).isEqualTo("CA");
        assertThat(metadata.path("country").asText()).isEqualTo("United States");
    }

    @Test
    void updateWithStaleExpectedVersionIsConflict() {
        WsClient admin = admin();
        JsonNode created = create(admin, "name", unique("stale"), "employees_count", 1);
        String uuid = created.path("uuid").asText();
        success(admin.call("update_company", keyed("company_uuid", uuid, "employees_count", 2)));

        JsonNode stale = admin.call("update_company", keyed("company_uuid", uuid, "expected_version", 1, "employees_count", 3));

        assertError(stale, "conflict");
        JsonNode current = success(admin.call("get_company", obj("company_uuid", uuid)));
        assertThat(current.path("version").asLong()).isEqualTo(2);
        assertThat(current.path("employees_count").asLong()).isEqualTo(2);
    }

    @Test
    void updateWithMatchingExpectedVersionSucceeds() {
        WsClient admin = admin();
        String uuid = create(admin, "name", unique("match"), "employees_count", 1).path("uuid").asText();

        JsonNode first = success(admin.call("update_company", keyed("company_uuid", uuid, "expected_version", 1, "employees_count", 2)));
        JsonNode second = success(admin.call("update_company", keyed("company_uuid", uuid, "expected_version", 2, "employees_count", 3)));

        assertThat(first.path("version").asLong()).isEqualTo(2);
        assertThat(second.path("version").asLong()).isEqualTo(3);
        assertThat(second.path("employees_count").asLong()).isEqualTo(3);
    }

    @Test
    void updateWithoutChangesKeepsTheVersion() {
        WsClient admin = admin();
        String name = unique("same");
        JsonNode created = create(admin, "name", name, "employees_count", 5);

        JsonNode updated = success(admin.call("update_company",
                keyed("company_uuid", created.path("uuid").asText(), "name", name, "employees_count", 5)));

        assertThat(updated).isEqualTo(created);
    }

    @Test
    void updateOfUnknownCompanyIsNotFound() {
        assertError(admin().call("update_company", keyed("company_uuid", UUID.randomUUID().toString(), "name", "x")), "not_found");
    }

    // ---------------------------------------------------------------- delete

    @Test
    void deletedCompanyIsNotFoundAndLeavesListsCountsAndUuids() {
        String tag = unique("gone");
        WsClient admin = admin();
        String uuid = create(admin, "name", tag + " doomed").path("uuid").asText();
        create(admin, "name", tag + " survivor");

        JsonNode deleted = success(admin.call("delete_company", keyed("company_uuid", uuid)));

        assertThat(deleted.isObject()).isTrue();
        assertThat(deleted).isEmpty();
        assertError(admin.call("get_company", obj("company_uuid", uuid)), "not_found");
        assertThat(listNames(admin, obj("name", tag))).containsExactly(tag + " survivor");
        assertThat(success(admin.call("count_companies", obj("name", tag))).path("count").asLong()).isEqualTo(1);
        assertThat(texts(success(admin.call("get_company_uuids", obj("name", tag))).path("uuids"))).doesNotContain(uuid);
    }

    @Test
    void deletingTwiceIsNotFound() {
        WsClient admin = admin();
        String uuid = create(admin, "name", unique("twice")).path("uuid").asText();
        success(admin.call("delete_company", keyed("company_uuid", uuid)));

        assertError(admin.call("delete_company", keyed("company_uuid", uuid)), "not_found");
        assertError(admin.call("delete_company", keyed("company_uuid", UUID.randomUUID().toString())), "not_found");
    }

    @Test
    void updatingDeletedCompanyIsNotFound() {
        WsClient admin = admin();
        String uuid = create(admin, "name", unique("zombie")).path("uuid").asText();
        success(admin.call("delete_company", keyed("company_uuid", uuid)));

        assertError(admin.call("update_company", keyed("company_uuid", uuid, "name", "revived")), "not_found");
        assertError(admin.call("get_company", obj("company_uuid", uuid)), "not_found");
    }

    // ---------------------------------------------------------------- list filters

    /** Four companies whose names all contain {@code tag}; Beta and Delta tie on employees and revenue. */
    private record Fleet(String tag, JsonNode alpha, JsonNode beta, JsonNode gamma, JsonNode delta) {

        String name(String word) {
            return word + " " + tag;
        }

        List<String> names(String... words) {
            return java.util.Arrays.stream(words).map(this::name).toList();
        }
    }

    private Fleet fleet(WsClient admin) {
        String tag = unique("fleet");
        JsonNode alpha = create(admin, "name", "Alpha " + tag, "employees_count", 10, "annual_revenue", 1_000_000,
                "total_funding", 0, "industries", arr("Software", "Fintech"), "keywords", arr("saas", "b2b"),
                "technologies", arr("Java", "Kafka"), "address", "1 Harbor Way", "text_search", "payments platform",
                "metadata", obj("city", "Oakland", "state", "California", "country", "United States",
                        "phone_number", "+1-510-555-0101", "website", "https://alpha.example",
                        "linkedin_url", "https://linkedin.com/company/alpha", "facebook_url", "https://facebook.com/alpha",
                        "twitter_url", "https://twitter.com/alpha"));
        JsonNode beta = create(admin, "name", "Beta " + tag, "employees_count", 250, "annual_revenue", 50_000_000,
                "total_funding", 5_000_000, "industries", arr("Software"), "keywords", arr("enterprise"),
                "technologies", arr("Python", "AWS"), "address", "9 Oakland Avenue",
                "metadata", obj("city", "Boston", "state", "Massachusetts", "country", "United States",
                        "phone_number", "+1-617-555-0102", "website", "https://beta.example",
                        "linkedin_url", "https://linkedin.com/company/beta"));
        JsonNode gamma = create(admin, "name", "Gamma " + tag, "employees_count", 5000, "annual_revenue", 900_000_000,
                "total_funding", 100_000_000, "industries", arr("Manufacturing"), "keywords", arr("legacy", "b2b"),
                "technologies", arr("Java"), "address", "Unter den Linden 1",
                "metadata", obj("city", "Berlin", "state", "Berlin", "country", "Germany",
                        "phone_number", "+49-30-555-0103", "website", "https://gamma.example",
                        "facebook_url", "https://facebook.com/gamma", "twitter_url", "https://x.com/gamma"));
        JsonNode delta = create(admin, "name", "Delta " + tag, "employees_count", 250, "annual_revenue", 50_000_000);
        return new Fleet(tag, alpha, beta, gamma, delta);
    }

    /** The names (in id order) of the fleet's companies matching {@code filters}. */
    private static List<String> fleetNames(WsClient client, Fleet fleet, Object... filters) {
        return listNames(client, with(obj("name", fleet.tag(), "ordering", "id"), filters));
    }

    @Test
    void textFiltersMatchCaseInsensitiveSubstrings() {
        WsClient admin = admin();
        Fleet f = fleet(admin);

        assertThat(listNames(admin, obj("name", "ALPHA " + f.tag().toUpperCase()))).containsExactly(f.name("Alpha"));
        assertThat(listNames(admin, obj("name", "a " + f.tag(), "ordering", "id")))
                .containsExactlyElementsOf(f.names("Alpha", "Beta", "Gamma", "Delta"));
        assertThat(fleetNames(admin, f, "address", "oakland")).containsExactlyElementsOf(f.names("Beta"));
        assertThat(fleetNames(admin, f, "city", "BOST")).containsExactlyElementsOf(f.names("Beta"));
        assertThat(fleetNames(admin, f, "state", "berlin")).containsExactlyElementsOf(f.names("Gamma"));
        assertThat(fleetNames(admin, f, "country", "united")).containsExactlyElementsOf(f.names("Alpha", "Beta"));
        assertThat(fleetNames(admin, f, "phone_number", "555-0103")).containsExactlyElementsOf(f.names("Gamma"));
        assertThat(fleetNames(admin, f, "website", "BETA.example")).containsExactlyElementsOf(f.names("Beta"));
        assertThat(fleetNames(admin, f, "linkedin_url", "company/")).containsExactlyElementsOf(f.names("Alpha", "Beta"));
        assertThat(fleetNames(admin, f, "facebook_url", "facebook.com")).containsExactlyElementsOf(f.names("Alpha", "Gamma"));
        assertThat(fleetNames(admin, f, "twitter_url", "x.com/")).containsExactlyElementsOf(f.names("Gamma"));
        assertThat(fleetNames(admin, f, "city", "Atlantis")).isEmpty();
    }

    @Test
    void companyLocationMatchesAddressCityStateOrCountry() {
        WsClient admin = admin();
        Fleet f = fleet(admin);

        assertThat(fleetNames(admin, f, "company_location", "oakland")).containsExactlyElementsOf(f.names("Alpha", "Beta"));
        assertThat(fleetNames(admin, f, "company_location", "GERMANY")).containsExactlyElementsOf(f.names("Gamma"));
        assertThat(fleetNames(admin, f, "company_location", "massachu")).containsExactlyElementsOf(f.names("Beta"));
        assertThat(fleetNames(admin, f, "company_location", "harbor")).containsExactlyElementsOf(f.names("Alpha"));
    }

    @Test
    void searchMatchesAnyDescriptiveField() {
        WsClient admin = admin();
        Fleet f = fleet(admin);

        assertThat(fleetNames(admin, f, "search", "PAYMENTS")).containsExactlyElementsOf(f.names("Alpha"));
        assertThat(fleetNames(admin, f, "search", "kafka")).containsExactlyElementsOf(f.names("Alpha"));
        assertThat(fleetNames(admin, f, "search", "manufact")).containsExactlyElementsOf(f.names("Gamma"));
        assertThat(fleetNames(admin, f, "search", "boston")).containsExactlyElementsOf(f.names("Beta"));
        assertThat(fleetNames(admin, f, "search", "delta")).containsExactlyElementsOf(f.names("Delta"));
        assertThat(fleetNames(admin, f, "search", "no such words")).isEmpty();
    }

    @Test
    void exactNumericFiltersMatchOnlyEqualValues() {
        WsClient admin = admin();
        Fleet f = fleet(admin);

        assertThat(fleetNames(admin, f, "employees_count", 250)).containsExactlyElementsOf(f.names("Beta", "Delta"));
        assertThat(fleetNames(admin, f, "annual_revenue", 900_000_000)).containsExactlyElementsOf(f.names("Gamma"));
        assertThat(fleetNames(admin, f, "total_funding", 0)).containsExactlyElementsOf(f.names("Alpha"));
        assertThat(fleetNames(admin, f, "employees_count", 251)).isEmpty();
    }

    @Test
    void rangeFiltersAreInclusive() {
        WsClient admin = admin();
        Fleet f = fleet(admin);

        assertThat(fleetNames(admin, f, "employees_min", 250)).containsExactlyElementsOf(f.names("Beta", "Gamma", "Delta"));
        assertThat(fleetNames(admin, f, "employees_max", 250)).containsExactlyElementsOf(f.names("Alpha", "Beta", "Delta"));
        assertThat(fleetNames(admin, f, "employees_min", 11, "employees_max", 4999)).containsExactlyElementsOf(f.names("Beta", "Delta"));
        assertThat(fleetNames(admin, f, "annual_revenue_min", 50_000_000)).containsExactlyElementsOf(f.names("Beta", "Gamma", "Delta"));
        assertThat(fleetNames(admin, f, "annual_revenue_max", 1_000_000)).containsExactlyElementsOf(f.names("Alpha"));
        assertThat(fleetNames(admin, f, "total_funding_min", 1)).containsExactlyElementsOf(f.names("Beta", "Gamma"));
        assertThat(fleetNames(admin, f, "total_funding_max", 5_000_000)).containsExactlyElementsOf(f.names("Alpha", "Beta"));
        assertThat(fleetNames(admin, f, "total_funding_min", 5_000_000, "total_funding_max", 5_000_000))
                .containsExactlyElementsOf(f.names("Beta"));
    }

    @Test
    void multiValueFiltersMatchAnyValueWhetherCommaStringOrArray() {
        WsClient admin = admin();
        Fleet f = fleet(admin);

        List<String> industriesAsString = fleetNames(admin, f, "industries", "Fintech,Manufacturing");
        List<String> industriesAsArray = fleetNames(admin, f, "industries", arr("Fintech", "Manufacturing"));
        List<String> keywordsAsString = fleetNames(admin, f, "keywords", "b2b");
        List<String> keywordsAsArray = fleetNames(admin, f, "keywords", arr("b2b"));
        List<String> technologiesAsString = fleetNames(admin, f, "technologies", "Python, Kafka");
        List<String> technologiesAsArray = fleetNames(admin, f, "technologies", arr("Python", "Kafka"));

        assertThat(industriesAsString).containsExactlyElementsOf(f.names("Alpha", "Gamma")).isEqualTo(industriesAsArray);
        assertThat(keywordsAsString).containsExactlyElementsOf(f.names("Alpha", "Gamma")).isEqualTo(keywordsAsArray);
        assertThat(technologiesAsString).containsExactlyElementsOf(f.names("Alpha", "Beta")).isEqualTo(technologiesAsArray);
        assertThat(fleetNames(admin, f, "industries", "software")).containsExactlyElementsOf(f.names("Alpha", "Beta"));
    }

    @Test
    void exclusionFiltersRemoveCompaniesHavingAnyOfTheValues() {
        WsClient admin = admin();
        Fleet f = fleet(admin);

        assertThat(fleetNames(admin, f, "exclude_industries", arr("Manufacturing")))
                .containsExactlyElementsOf(f.names("Alpha", "Beta", "Delta"));
        assertThat(fleetNames(admin, f, "exclude_keywords", "legacy,enterprise"))
                .containsExactlyElementsOf(f.names("Alpha", "Delta"))
                .isEqualTo(fleetNames(admin, f, "exclude_keywords", arr("legacy", "enterprise")));
        assertThat(fleetNames(admin, f, "exclude_technologies", arr("Java", "AWS"))).containsExactlyElementsOf(f.names("Delta"));
        assertThat(fleetNames(admin, f, "industries", "Software", "exclude_technologies", "Kafka"))
                .containsExactlyElementsOf(f.names("Beta"));
    }

    @Test
    void filtersOfDifferentKindsCombine() {
        WsClient admin = admin();
        Fleet f = fleet(admin);

        assertThat(fleetNames(admin, f, "industries", "Software", "employees_min", 100)).containsExactlyElementsOf(f.names("Beta"));
        assertThat(fleetNames(admin, f, "country", "united", "keywords", arr("b2b"), "search", "payments"))
                .containsExactlyElementsOf(f.names("Alpha"));
        assertThat(fleetNames(admin, f, "company_location", "berlin", "employees_max", 100)).isEmpty();
    }

    @Test
    void createdAtRangesAcceptZonedLocalAndBareDates() {
        String tag = unique("created");
        WsClient admin = admin();
        List<JsonNode> companies = IntStream.rangeClosed(1, 3).mapToObj(i -> create(admin, "name", tag + " " + i)).toList();
        Instant second = createdAt(companies.get(1));
        LocalDate firstDay = LocalDate.ofInstant(createdAt(companies.get(0)), ZoneOffset.UTC);
        LocalDate lastDay = LocalDate.ofInstant(createdAt(companies.get(2)), ZoneOffset.UTC);
        Map<String, Object> scope = obj("name", tag, "ordering", "id");

        assertThat(listNames(admin, with(scope, "created_at_after", second.toString())))
                .containsExactlyElementsOf(namesWhere(companies, c -> !createdAt(c).isBefore(second)));
        assertThat(listNames(admin, with(scope, "created_at_after", LocalDateTime.ofInstant(second, ZoneOffset.UTC).toString())))
                .containsExactlyElementsOf(namesWhere(companies, c -> !createdAt(c).isBefore(second)));
        assertThat(listNames(admin, with(scope, "created_at_after", second.atOffset(ZoneOffset.ofHours(2)).toString())))
                .containsExactlyElementsOf(namesWhere(companies, c -> !createdAt(c).isBefore(second)));
        assertThat(listNames(admin, with(scope, "created_at_before", LocalDateTime.ofInstant(second, ZoneOffset.UTC).toString())))
                .containsExactlyElementsOf(namesWhere(companies, c -> !createdAt(c).isAfter(second)));
        assertThat(listNames(admin, with(scope, "created_at_after", firstDay.toString())))
                .containsExactly(tag + " 1", tag + " 2", tag + " 3");
        assertThat(listNames(admin, with(scope, "created_at_before", lastDay.plusDays(1).toString())))
                .containsExactly(tag + " 1", tag + " 2", tag + " 3");
        Instant firstMidnight = firstDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        assertThat(listNames(admin, with(scope, "created_at_before", firstDay.toString())))
                .containsExactlyElementsOf(namesWhere(companies, c -> !createdAt(c).isAfter(firstMidnight)));
        assertThat(listNames(admin, with(scope, "created_at_after", lastDay.plusDays(1).toString()))).isEmpty();
    }

    @Test
    void updatedAtRangesFollowTheLastChange() {
        String tag = unique("updated");
        WsClient admin = admin();
        List<JsonNode> created = IntStream.rangeClosed(1, 3).mapToObj(i -> create(admin, "name", tag + " " + i)).toList();
        JsonNode touched = success(admin.call("update_company",
                keyed("company_uuid", created.get(0).path("uuid").asText(), "employees_count", 99)));
        List<JsonNode> companies = List.of(touched, created.get(1), created.get(2));
        Instant touchedAt = updatedAt(touched);
        Instant lastCreated = updatedAt(created.get(2));
        Map<String, Object> scope = obj("name", tag, "ordering", "id");

        assertThat(listNames(admin, with(scope, "updated_at_after", touchedAt.toString())))
                .contains(tag + " 1")
                .containsExactlyElementsOf(namesWhere(companies, c -> !updatedAt(c).isBefore(touchedAt)));
        assertThat(listNames(admin, with(scope, "updated_at_before", LocalDateTime.ofInstant(lastCreated, ZoneOffset.UTC).toString())))
                .contains(tag + " 2", tag + " 3")
                .containsExactlyElementsOf(namesWhere(companies, c -> !updatedAt(c).isAfter(lastCreated)));
        assertThat(listNames(admin, with(scope, "updated_at_after", touchedAt.toString(), "updated_at_before", touchedAt.toString())))
                .containsExactlyElementsOf(namesWhere(companies, c -> updatedAt(c).equals(touchedAt)));
        LocalDate touchedDay = LocalDate.ofInstant(touchedAt, ZoneOffset.UTC);
        Instant nextMidnight = touchedDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        assertThat(listNames(admin, with(scope, "updated_at_before", touchedDay.plusDays(1).toString())))
                .containsExactly(tag + " 1", tag + " 2", tag + " 3");
        assertThat(listNames(admin, with(scope, "updated_at_after", touchedDay.plusDays(1).toString())))
                .containsExactlyElementsOf(namesWhere(companies, c -> !updatedAt(c).isBefore(nextMidnight)));
    }

    @Test
    void textFiltersMatchTheLiteralTextNotAPattern() {
        String scope = unique("literal");
        WsClient admin = admin();
        for (String name : List.of("a.c", "abc", "x.*y")) {
            create(admin, "name", name, "industries", arr(scope), "address", name + " street");
        }
        Map<String, Object> only = obj("industries", scope, "ordering", "id");

        assertThat(listNames(admin, with(only, "name", "a.c"))).containsExactly("a.c");
        assertThat(listNames(admin, with(only, "name", "."))).containsExactly("a.c", "x.*y");
        assertThat(listNames(admin, with(only, "name", ".*"))).containsExactly("x.*y");
        assertThat(listNames(admin, with(only, "search", ".*"))).containsExactly("x.*y");
        assertThat(listNames(admin, with(only, "company_location", "a.c"))).containsExactly("a.c");
        assertThat(listNames(admin, with(only, "name", "^a"))).isEmpty();
        assertThat(listNames(admin, with(only, "name", "("))).isEmpty();
        assertThat(listNames(admin, with(only, "name", "\\"))).isEmpty();
        assertThat(listNames(admin, with(only, "name", "[a-z]"))).isEmpty();
    }

    // ---------------------------------------------------------------- ordering

    @Test
    void orderingSortsByEveryGivenFieldAndDirection() {
        WsClient admin = admin();
        Fleet f = fleet(admin);

        assertThat(listNames(admin, obj("name", f.tag(), "ordering", "-employees_count,name")))
                .containsExactlyElementsOf(f.names("Gamma", "Beta", "Delta", "Alpha"));
        assertThat(listNames(admin, obj("name", f.tag(), "ordering", "employees_count,-name")))
                .containsExactlyElementsOf(f.names("Alpha", "Delta", "Beta", "Gamma"));
        assertThat(listNames(admin, obj("name", f.tag(), "ordering", "name")))
                .containsExactlyElementsOf(f.names("Alpha", "Beta", "Delta", "Gamma"));
        assertThat(listNames(admin, obj("name", f.tag(), "ordering", "-id")))
                .containsExactlyElementsOf(f.names("Delta", "Gamma", "Beta", "Alpha"));
        assertThat(listNames(admin, obj("name", f.tag(), "country", "e", "ordering", "-country,city")))
                .containsExactlyElementsOf(f.names("Beta", "Alpha", "Gamma"));
    }

    @Test
    void orderingTiesAreBrokenById() {
        WsClient admin = admin();
        Fleet f = fleet(admin);

        assertThat(listNames(admin, obj("name", f.tag(), "ordering", "annual_revenue")))
                .containsExactlyElementsOf(f.names("Alpha", "Beta", "Delta", "Gamma"));
        assertThat(listNames(admin, obj("name", f.tag(), "ordering", "-annual_revenue")))
                .containsExactlyElementsOf(f.names("Gamma", "Beta", "Delta", "Alpha"));
        assertThat(listNames(admin, obj("name", f.tag(), "employees_count", 250, "ordering", "-employees_count,annual_revenue")))
                .containsExactlyElementsOf(f.names("Beta", "Delta"));
    }

    @Test
    void orderingByAnUnknownFieldIsValidationError() {
        assertError(admin().call("list_companies", obj("ordering", "-password")), "validation_error");
    }

    // ---------------------------------------------------------------- pagination

    /** Seven companies {@code P1 tag} … {@code P7 tag}, created in that order. */
    private List<JsonNode> seven(WsClient admin, String tag) {
        return IntStream.rangeClosed(1, 7).mapToObj(i -> create(admin, "name", "P" + i + " " + tag)).toList();
    }

    private static List<String> pageNames(String tag, int... numbers) {
        return java.util.Arrays.stream(numbers).mapToObj(i -> "P" + i + " " + tag).toList();
    }

    @Test
    void limitAndOffsetSelectASlice() {
        String tag = unique("slice");
        WsClient admin = admin();
        seven(admin, tag);

        JsonNode first = success(admin.call("list_companies", obj("name", tag, "limit", 3)));
        JsonNode middle = success(admin.call("list_companies", obj("name", tag, "limit", 3, "offset", 3)));
        JsonNode last = success(admin.call("list_companies", obj("name", tag, "limit", 3, "offset", 6)));

        assertThat(names(first.path("results"))).containsExactlyElementsOf(pageNames(tag, 1, 2, 3));
        assertThat(first.path("previous").isNull()).isTrue();
        assertThat(first.path("next").isTextual()).isTrue();
        assertThat(names(middle.path("results"))).containsExactlyElementsOf(pageNames(tag, 4, 5, 6));
        assertThat(middle.path("previous").isTextual()).isTrue();
        assertThat(names(last.path("results"))).containsExactlyElementsOf(pageNames(tag, 7));
        assertThat(last.path("next").isNull()).isTrue();
        assertThat(success(admin.call("list_companies", obj("name", tag, "offset", 7))).path("results")).isEmpty();
    }

    @Test
    void pageAndPageSizeCountPagesFromOne() {
        String tag = unique("pages");
        WsClient admin = admin();
        seven(admin, tag);

        JsonNode page1 = success(admin.call("list_companies", obj("name", tag, "page", 1, "page_size", 3)));
        JsonNode page2 = success(admin.call("list_companies", obj("name", tag, "page", 2, "page_size", 3)));
        JsonNode page3 = success(admin.call("list_companies", obj("name", tag, "page", 3, "page_size", 3)));

        assertThat(names(page1.path("results"))).containsExactlyElementsOf(pageNames(tag, 1, 2, 3));
        assertThat(names(page2.path("results"))).containsExactlyElementsOf(pageNames(tag, 4, 5, 6));
        assertThat(names(page3.path("results"))).containsExactlyElementsOf(pageNames(tag, 7));
        assertThat(page3.path("next").isNull()).isTrue();
        assertError(admin.call("list_companies", obj("name", tag, "page", 0, "page_size", 3)), "validation_error");
        assertError(admin.call("list_companies", obj("name", tag, "page", 1, "page_size", 1001)), "validation_error");
        assertError(admin.call("list_companies", obj("name", tag, "limit", 0)), "validation_error");
    }

    @Test
    void cursorWalksForwardToTheEndAndBackWithoutGapsOrDuplicates() {
        String tag = unique("walk");
        WsClient admin = admin();
        seven(admin, tag);
        Map<String, Object> query = obj("name", tag, "ordering", "-id");

        List<List<String>> forward = new ArrayList<>();
        JsonNode page = success(admin.call("list_companies", with(query, "limit", 2)));
        assertThat(page.path("previous").isNull()).isTrue();
        forward.add(names(page.path("results")));
        while (!page.path("next").isNull()) {
            String next = page.path("next").asText();
            assertThat(next).startsWith("http://localhost:" + port + "/api/v1/companies/?");
            page = success(admin.call("list_companies", with(query, "cursor", cursorOf(next))));
            forward.add(names(page.path("results")));
        }
        List<List<String>> backward = new ArrayList<>();
        backward.add(names(page.path("results")));
        while (!page.path("previous").isNull()) {
            page = success(admin.call("list_companies", with(query, "cursor", cursorOf(page.path("previous").asText()))));
            backward.add(0, names(page.path("results")));
        }

        List<String> walked = forward.stream().flatMap(List::stream).toList();
        assertThat(walked).containsExactlyElementsOf(pageNames(tag, 7, 6, 5, 4, 3, 2, 1));
        assertThat(forward).hasSize(4);
        assertThat(backward).isEqualTo(forward);
    }

    @Test
    void nextAndPreviousAreBuiltFromRequestUrlKeepingItsParameters() {
        String tag = unique("requrl");
        WsClient admin = admin();
        seven(admin, tag);
        String requestUrl = "https://beacon.example.com/api/v1/companies/?name=" + tag + "&limit=3&cursor=stale";

        JsonNode first = success(admin.call("list_companies", obj("name", tag, "limit", 3, "request_url", requestUrl)));
        URI next = URI.create(first.path("next").asText());
        JsonNode second = success(admin.call("list_companies",
                obj("name", tag, "cursor", cursorOf(next.toString()), "request_url", next.toString())));
        URI previous = URI.create(second.path("previous").asText());

        assertThat(next.getScheme()).isEqualTo("https");
        assertThat(next.getHost()).isEqualTo("beacon.example.com");
        assertThat(next.getPath()).isEqualTo("/api/v1/companies/");
        assertThat(queryParameters(next)).containsEntry("name", List.of(tag)).containsEntry("limit", List.of("3"));
        assertThat(queryParameters(next).get("cursor")).hasSize(1).doesNotContain("stale");
        assertThat(names(second.path("results"))).containsExactlyElementsOf(pageNames(tag, 4, 5, 6));
        assertThat(previous.getHost()).isEqualTo("beacon.example.com");
        assertThat(queryParameters(previous)).containsEntry("name", List.of(tag)).containsEntry("limit", List.of("3"));
        JsonNode back = success(admin.call("list_companies", obj("name", tag, "cursor", cursorOf(previous.toString()))));
        assertThat(names(back.path("results"))).containsExactlyElementsOf(pageNames(tag, 1, 2, 3));
    }

    @Test
    void garbageCursorIsInvalidCursor() {
        String tag = unique("garbage");
        WsClient admin = admin();
        seven(admin, tag);
        String cursor = cursorOf(success(admin.call("list_companies", obj("name", tag, "limit", 2))).path("next").asText());
        int middle = cursor.length() / 2;
        String tampered = cursor.substring(0, middle) + (cursor.charAt(middle) == 'A' ? 'B' : 'A') + cursor.substring(middle + 1);

        assertError(admin.call("list_companies", obj("name", tag, "cursor", "not-a-cursor")), "invalid_cursor");
        assertError(admin.call("list_companies", obj("name", tag, "cursor", "")), "invalid_cursor");
        assertError(admin.call("list_companies", obj("name", tag, "cursor", tampered)), "invalid_cursor");
    }

    @Test
    void cursorReusedWithOtherFiltersOrOrderingIsInvalidCursor() {
        String tag = unique("reuse");
        WsClient admin = admin();
        seven(admin, tag);
        String cursor = cursorOf(success(admin.call("list_companies", obj("name", tag, "limit", 2))).path("next").asText());

        assertThat(names(success(admin.call("list_companies", obj("name", tag, "cursor", cursor))).path("results")))
                .containsExactlyElementsOf(pageNames(tag, 3, 4));
        assertError(admin.call("list_companies", obj("name", tag + "x", "cursor", cursor)), "invalid_cursor");
        assertError(admin.call("list_companies", obj("name", tag, "employees_min", 1, "cursor", cursor)), "invalid_cursor");
        assertError(admin.call("list_companies", obj("name", tag, "ordering", "-id", "cursor", cursor)), "invalid_cursor");
    }

    @Test
    void distinctIsAcceptedAndNeverRepeatsACompany() {
        WsClient admin = admin();
        Fleet f = fleet(admin);

        List<String> distinct = listNames(admin, obj("name", f.tag(), "ordering", "id", "distinct", true));

        assertThat(distinct).containsExactlyElementsOf(f.names("Alpha", "Beta", "Gamma", "Delta"));
        assertThat(success(admin.call("count_companies", obj("name", f.tag(), "distinct", true))).path("count").asLong()).isEqualTo(4);
    }

    // ---------------------------------------------------------------- count and uuids

    @Test
    void countMatchesTheListedCompanies() {
        WsClient admin = admin();
        Fleet f = fleet(admin);
        List<Map<String, Object>> filters = List.of(obj("name", f.tag()), obj("name", f.tag(), "industries", "Software"),
                obj("name", f.tag(), "employees_min", 250), obj("name", f.tag(), "exclude_keywords", arr("b2b")),
                obj("name", f.tag(), "search", "nothing matches this"));

        for (Map<String, Object> filter : filters) {
            long count = success(admin.call("count_companies", filter)).path("count").asLong();
            assertThat(count).as("count of %s", filter).isEqualTo(listNames(admin, filter).size());
        }
        assertThat(success(admin.call("count_companies", obj("name", f.tag()))).path("count").asLong()).isEqualTo(4);
    }

    @Test
    void uuidsWithoutLimitAreEveryMatchInOrder() {
        WsClient admin = admin();
        Fleet f = fleet(admin);

        JsonNode byDefault = success(admin.call("get_company_uuids", obj("name", f.tag())));
        JsonNode ordered = success(admin.call("get_company_uuids", obj("name", f.tag(), "ordering", "-employees_count,name")));

        assertThat(texts(byDefault.path("uuids"))).containsExactlyElementsOf(uuids(f.alpha(), f.beta(), f.gamma(), f.delta()));
        assertThat(byDefault.path("count").asLong()).isEqualTo(4);
        assertThat(texts(ordered.path("uuids"))).containsExactlyElementsOf(uuids(f.gamma(), f.beta(), f.delta(), f.alpha()));
    }

    @Test
    void uuidsWithLimitCountOnlyThoseReturned() {
        WsClient admin = admin();
        Fleet f = fleet(admin);

        JsonNode limited = success(admin.call("get_company_uuids", obj("name", f.tag(), "ordering", "-id", "limit", 2)));
        JsonNode roomy = success(admin.call("get_company_uuids", obj("name", f.tag(), "industries", "Software", "limit", 10)));

        assertThat(limited.path("count").asLong()).isEqualTo(2);
        assertThat(texts(limited.path("uuids"))).containsExactlyElementsOf(uuids(f.delta(), f.gamma()));
        assertThat(roomy.path("count").asLong()).isEqualTo(2);
        assertThat(texts(roomy.path("uuids"))).containsExactlyElementsOf(uuids(f.alpha(), f.beta()));
    }

    // ---------------------------------------------------------------- malformed requests

    @Test
    void invalidJsonIsReportedAndTheConnectionStaysUsable() {
        WsClient client = user();

        client.sendRaw("{\"action\": \"list_companies\", \"request_id\": ");
        JsonNode notJson = client.awaitMessage(m -> "invalid_json".equals(m.path("error").path("code").asText()), "invalid_json");
        client.sendRaw("[\"list_companies\"]");
        JsonNode notAnObject = client.awaitMessage(m -> m != notJson
                && "invalid_json".equals(m.path("error").path("code").asText()), "second invalid_json");

        assertError(notJson, "invalid_json");
        assertError(notAnObject, "invalid_json");
        assertThat(client.unsolicited()).containsExactly(notJson, notAnObject);
        assertThat(client.isOpen()).isTrue();
        success(client.call("count_companies", obj()));
    }

    @Test
    void missingActionIsMissingField() {
        WsClient client = user();
        String requestId = client.nextRequestId();

        JsonNode answer = WsClient.await(client.sendEnvelope(requestId,
                WsClient.JSON.valueToTree(obj("request_id", requestId, "data", obj()))), "answer without action");

        assertError(answer, "missing_field");
        assertThat(answer.path("error").path("message").asText()).contains("action");
    }

    @Test
    void missingCompanyUuidIsMissingField() {
        WsClient admin = admin();

        JsonNode get = admin.call("get_company", obj());
        JsonNode update = admin.call("update_company", keyed("name", "x"));
        JsonNode delete = admin.call("delete_company", keyed());

        for (JsonNode answer : List.of(get, update, delete)) {
            assertError(answer, "missing_field");
            assertThat(answer.path("error").path("message").asText()).contains("company_uuid");
        }
    }

    @Test
    void unknownActionIsReportedWithItsName() {
        JsonNode answer = user().call("launch_rockets", obj());

        assertError(answer, "unknown_action");
        assertThat(answer.path("action").asText()).isEqualTo("launch_rockets");
    }

    @Test
    void answersCarryTheRequestIdAndAction() {
        WsClient client = user();

        JsonNode good = client.call("count_companies", obj());
        JsonNode bad = client.call("get_company", obj("company_uuid", UUID.randomUUID().toString()));

        assertThat(good.path("action").asText()).isEqualTo("count_companies");
        assertThat(bad.path("action").asText()).isEqualTo("get_company");
        assertThat(fieldNames(good)).containsExactlyInAnyOrder("request_id", "action", "status", "data");
        assertThat(fieldNames(bad)).containsExactlyInAnyOrder("request_id", "action", "status", "data", "error");
    }

    @Test
    void unknownDataFieldsAreValidationErrorsNamingThem() {
        WsClient admin = admin();

        JsonNode list = admin.call("list_companies", obj("nmae", "acme", "colour", "red"));
        JsonNode count = admin.call("count_companies", obj("limit", 5));
        JsonNode get = admin.call("get_company", obj("company_uuid", UUID.randomUUID().toString(), "verbose", true));
        JsonNode create = admin.call("create_company", keyed("name", unique("x"), "ceo", "Ada"));
        JsonNode createMetadata = admin.call("create_company", keyed("name", unique("x"), "metadata", obj("mood", "sunny")));

        assertError(list, "validation_error");
        assertThat(list.path("error").path("message").asText()).contains("nmae", "colour");
        assertError(count, "validation_error");
        assertThat(count.path("error").path("message").asText()).contains("limit");
        assertError(get, "validation_error");
        assertThat(get.path("error").path("message").asText()).contains("verbose");
        assertError(create, "validation_error");
        assertThat(create.path("error").path("message").asText()).contains("ceo");
        assertError(createMetadata, "validation_error");
        assertThat(createMetadata.path("error").path("message").asText()).contains("mood");
    }

    @Test
    void wrongTypesAreValidationErrors() {
        WsClient admin = admin();
        List<Object[]> requests = List.<Object[]>of(
                new Object[]{"list_companies", obj("employees_min", "ten")},
                new Object[]{"list_companies", obj("name", obj("first", "Acme"))},
                new Object[]{"list_companies", obj("limit", 2.5)},
                new Object[]{"list_companies", obj("industries", 5)},
                new Object[]{"list_companies", obj("industries", arr("Software", 7))},
                new Object[]{"list_companies", obj("created_at_after", "yesterday")},
                new Object[]{"list_companies", obj("distinct", "yes")},
                new Object[]{"count_companies", obj("annual_revenue", 1.5)},
                new Object[]{"get_company_uuids", obj("limit", "all")},
                new Object[]{"get_company", obj("company_uuid", 42)},
                new Object[]{"get_company", obj("company_uuid", "not-a-uuid")},
                new Object[]{"create_company", keyed("employees_count", "many")},
                new Object[]{"create_company", keyed("employees_count", 2.5)},
                new Object[]{"create_company", keyed("industries", "Software")},
                new Object[]{"create_company", keyed("metadata", "Berlin")},
                new Object[]{"update_company", keyed("company_uuid", UUID.randomUUID().toString(), "expected_version", "1")});

        for (Object[] request : requests) {
            assertError(admin.call((String) request[0], request[1]), "validation_error");
        }
        assertThat(admin.isOpen()).isTrue();
    }

    @Test
    void queryOperatorsInValuesAreValidationErrors() {
        String tag = unique("operator");
        WsClient admin = admin();
        create(admin, "name", tag);
        List<Object[]> requests = List.<Object[]>of(
                new Object[]{"list_companies", obj("name", obj("$regex", ".*"))},
                new Object[]{"list_companies", obj("name", obj("$ne", null))},
                new Object[]{"list_companies", obj("employees_min", obj("$gt", 0))},
                new Object[]{"count_companies", obj("city", obj("$exists", true))},
                new Object[]{"get_company_uuids", obj("search", obj("$where", "true"))},
                new Object[]{"get_company", obj("company_uuid", obj("$ne", null))},
                new Object[]{"create_company", keyed("name", obj("$set", "x"))},
                new Object[]{"update_company", keyed("company_uuid", obj("$ne", null), "name", "x")});

        for (Object[] request : requests) {
            assertError(admin.call((String) request[0], request[1]), "validation_error");
        }
        assertThat(listNames(admin, obj("name", tag))).containsExactly(tag);
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void fiftyConcurrentRequestsOnOneConnectionAreEachAnsweredOnce() {
        String tag = unique("burst");
        WsClient admin = admin();
        String existing = create(admin, "name", tag + " seed").path("uuid").asText();
        Map<String, CompletableFuture<JsonNode>> sent = new LinkedHashMap<>();
        Map<String, String> expectedStatus = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            String action;
            Object data;
            String status = "success";
            switch (i % 7) {
                case 0 -> { action = "create_company"; data = keyed("name", tag + " n" + i); }
                case 1 -> { action = "get_company"; data = obj("company_uuid", existing); }
                case 2 -> { action = "list_companies"; data = obj("name", tag); }
                case 3 -> { action = "count_companies"; data = obj("name", tag); }
                case 4 -> { action = "get_company_uuids"; data = obj("name", tag); }
                case 5 -> { action = "get_company"; data = obj("company_uuid", UUID.randomUUID().toString()); status = "not_found"; }
                default -> { action = "no_such_action"; data = obj(); status = "unknown_action"; }
            }
            String requestId = admin.nextRequestId();
            expectedStatus.put(requestId, action + "/" + status);
            sent.put(requestId, admin.sendEnvelope(requestId, admin.envelope(action, requestId, data)));
        }

        Map<String, JsonNode> answers = new LinkedHashMap<>();
        sent.forEach((requestId, answer) -> answers.put(requestId, WsClient.await(answer, "answer to " + requestId)));
        success(admin.call("count_companies", obj()));

        assertThat(admin.unsolicited()).as("messages that answered nothing awaited").isEmpty();
        answers.forEach((requestId, answer) -> {
            assertThat(answer.path("request_id").asText()).isEqualTo(requestId);
            String outcome = answer.path("status").asText().equals("success") ? "success" : answer.path("error").path("code").asText();
            assertThat(answer.path("action").asText() + "/" + outcome).as("answer to %s", requestId)
                    .isEqualTo(expectedStatus.get(requestId));
            assertThat(admin.countWithRequestId(requestId)).as("answers to %s", requestId).isEqualTo(1);
        });
        List<Long> createdIds = answers.values().stream()
                .filter(a -> a.path("action").asText().equals("create_company"))
                .map(a -> a.path("data").path("id").asLong()).toList();
        assertThat(createdIds).hasSize(8).doesNotHaveDuplicates();
        assertThat(success(admin.call("count_companies", obj("name", tag))).path("count").asLong()).isEqualTo(9);
    }

    @Test
    void writesOnOneConnectionAreVisibleAtOnceOnAnother() {
        String tag = unique("ryw");
        WsClient writer = admin();
        WsClient reader = user();

        for (int i = 0; i < 20; i++) {
            String name = tag + "-" + i + "#";
            JsonNode created = create(writer, "name", name, "employees_count", i);
            String uuid = created.path("uuid").asText();

            assertThat(success(reader.call("get_company", obj("company_uuid", uuid)))).isEqualTo(created);
            assertThat(listNames(reader, obj("name", name))).containsExactly(name);
            assertThat(success(reader.call("count_companies", obj("name", tag))).path("count").asLong()).isEqualTo(i + 1);

            JsonNode updated = success(writer.call("update_company", keyed("company_uuid", uuid, "employees_count", 1000 + i)));
            assertThat(success(reader.call("get_company", obj("company_uuid", uuid)))).isEqualTo(updated);
            assertThat(success(reader.call("count_companies", obj("name", name, "employees_min", 1000))).path("count").asLong())
                    .isEqualTo(1);
        }
    }

    // ---------------------------------------------------------------- the event store

    @Test
    void eventsRecordTheActorTheRequestAndOnlyTheChangedFields() {
        WsClient admin = admin();
        JsonNode actor = adminLogin().path("user");
        String createRequest = admin.nextRequestId();
        JsonNode created = success(WsClient.await(admin.sendEnvelope(createRequest, admin.envelope("create_company", createRequest,
                keyed("name", unique("audited"), "employees_count", 10, "metadata", obj("city", "San Francisco", "state", "CA")))),
                "create"));
        String uuid = created.path("uuid").asText();
        String updateRequest = admin.nextRequestId();
        success(WsClient.await(admin.sendEnvelope(updateRequest, admin.envelope("update_company", updateRequest,
                keyed("company_uuid", uuid, "name", "Renamed", "employees_count", 10, "metadata", obj("city", "Oakland", "state", "CA")))),
                "update"));

        List<Document> events = events(uuid);

        assertThat(events).hasSize(2);
        assertThat(events).extracting(e -> ((Number) e.get("s")).longValue()).containsExactly(0L, 1L);
        assertThat(events.get(1).getLong("position")).isGreaterThan(events.get(0).getLong("position"));
        assertThat(events.get(0).getString("pt")).endsWith("CompanyCreated");
        assertThat(events.get(1).getString("pt")).endsWith("CompanyUpdated");
        List<String> requests = List.of(createRequest, updateRequest);
        for (int i = 0; i < 2; i++) {
            JsonNode metadata = parse(events.get(i).get("m"));
            assertThat(metadata.path("actor_uuid").asText()).as("metadata %s", metadata).isEqualTo(actor.path("uuid").asText());
            assertThat(metadata.path("actor_email").asText()).as("metadata %s", metadata).isEqualTo(actor.path("email").asText());
            assertThat(metadata.path("request_id").asText()).as("metadata %s", metadata).isEqualTo(requests.get(i));
            assertThat(metadata.path("correlationId").asText()).as("metadata %s", metadata).isNotBlank();
            assertThat(metadata.path("traceId").asText()).as("metadata %s", metadata).isNotBlank();
        }
        JsonNode changes = parse(events.get(1).get("p")).path("changes");
        assertThat(fieldNames(changes)).containsExactlyInAnyOrder("name", "metadata.city");
        assertThat(changes.path("name").path("old").asText()).isEqualTo(created.path("name").asText());
        assertThat(changes.path("name").path("new").asText()).isEqualTo("Renamed");
        assertThat(changes.path("metadata.city").path("old").asText()).isEqualTo("San Francisco");
        assertThat(changes.path("metadata.city").path("new").asText()).isEqualTo("Oakland");
    }

    @Test
    void theWriteKeyIsStoredNowhere() {
        WsClient admin = admin();
        String uuid = success(admin.call("create_company", obj("write_key", WRITE_KEY, "name", unique("secret")))).path("uuid").asText();
        success(admin.call("update_company", obj("X-Companies-Write-Key", WRITE_KEY, "company_uuid", uuid, "address", "somewhere")));
        success(admin.call("delete_company", obj("write_key", WRITE_KEY, "company_uuid", uuid)));
        assertThat(events(uuid)).hasSize(3);

        MongoDatabase database = storeClient.getDatabase("beacon");
        List<String> holders = new ArrayList<>();
        int scanned = 0;
        for (String collection : database.listCollectionNames()) {
            for (Document document : database.getCollection(collection).find()) {
                scanned++;
                if (searchableText(document).contains(WRITE_KEY)) {
                    holders.add(collection + ": " + document.get("_id"));
                }
            }
        }

        assertThat(scanned).isGreaterThan(3);
        assertThat(holders).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    /** A document's content with binary values decoded as UTF-8, so a secret cannot hide in them. */
    private static String searchableText(Object value) {
        if (value instanceof Document document) {
            return document.entrySet().stream()
                    .map(e -> e.getKey() + "=" + searchableText(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof Collection<?> values) {
            return values.stream().map(CompanyWebSocketScenarios::searchableText).collect(Collectors.joining(",", "[", "]"));
        }
        if (value instanceof Binary binary) {
            return new String(binary.getData(), UTF_8);
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, UTF_8);
        }
        return String.valueOf(value);
    }


    private static Instant createdAt(JsonNode company) {
        return Instant.parse(company.path("created_at").asText());
    }

    private static Instant updatedAt(JsonNode company) {
        return Instant.parse(company.path("updated_at").asText());
    }

    private static List<String> namesWhere(List<JsonNode> companies, Predicate<JsonNode> condition) {
        return companies.stream().filter(condition).map(c -> c.path("name").asText()).toList();
    }

    private static List<String> uuids(JsonNode... companies) {
        return java.util.Arrays.stream(companies).map(c -> c.path("uuid").asText()).toList();
    }

    private List<Document> events(String aggregateId) {
        return StoredEventDocuments.events(storeClient, aggregateId);
    }
}
