package io.beacon.bench.store;

import io.beacon.company.event.CompanyCreated;
import io.beacon.company.event.CompanyUpdated;
import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyId;
import io.beacon.company.value.CompanyMetadata;
import io.beacon.company.value.FieldChange;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Beacon's real company events, as the {@code Company} aggregate applies them: {@code CompanyCreated}
 * at sequence 0 for a new company, {@code CompanyUpdated} (two changed fields) at sequence 1, each with
 * the metadata Beacon's correlation providers put on every event (actor, request, trace, correlation).
 * Field values come from a fixed pool of realistic companies (the distributions of bench/'s
 * {@code CompanyData}), so payloads have realistic sizes; identities are fresh for every company.
 */
final class CompanyEvents {

    static final String AGGREGATE_TYPE = "Company";

    private static final String[] PREFIXES = {"Summit", "Harbor", "Granite", "Juniper", "Falcon", "Cedar", "Orion",
            "Keystone", "Willow", "Zenith", "Meridian", "Cobalt", "Prairie", "Tundra", "Vortex", "Quill"};
    private static final String[] CORES = {"Analytics", "Dynamics", "Logistics", "Health", "Energy", "Foods",
            "Robotics", "Software", "Capital", "Media", "Networks", "Biotech", "Materials", "Retail", "Security",
            "Systems", "Labs", "Works", "Solutions", "Partners", "Aerospace", "Apparel", "Insurance", "Mobility"};
    private static final String[] SUFFIXES = {"Inc", "LLC", "Ltd", "Corp", "GmbH", "Group", "Co", "SA", "PLC", "AG"};
    private static final String[] INDUSTRIES = {"Technology", "Software", "Healthcare", "Finance", "Retail",
            "Manufacturing", "Energy", "Logistics", "Media", "Education", "Real Estate", "Hospitality",
            "Telecommunications", "Automotive", "Biotechnology", "Insurance", "Construction", "Agriculture",
            "Aerospace", "Consulting", "E-commerce", "Food & Beverage", "Legal", "Gaming"};
    private static final String[] KEYWORDS = {"saas", "b2b", "b2c", "marketplace", "ai", "machine learning", "iot",
            "fintech", "healthtech", "cloud", "mobile", "analytics", "security", "payments", "logistics",
            "sustainability", "open source", "enterprise", "startup", "platform", "api", "data", "devops",
            "crm", "hr", "legacy", "hardware", "consumer", "subscription", "wholesale"};
    private static final String[] TECHNOLOGIES = {"Python", "Java", "Kotlin", "Go", "Rust", "TypeScript", "React",
            "Angular", "Vue", "Node.js", "PostgreSQL", "MySQL", "MongoDB", "Redis", "Kafka", "Kubernetes", "Docker",
            "AWS", "GCP", "Azure", "Terraform", "Spark", "Snowflake", "Salesforce", "HubSpot", "Shopify", "Stripe",
            "Elasticsearch", "GraphQL", "Swift"};
    private static final String[][] LOCATIONS = {
            {"San Francisco", "CA", "United States"}, {"New York", "NY", "United States"},
            {"Austin", "TX", "United States"}, {"Seattle", "WA", "United States"}, {"Boston", "MA", "United States"},
            {"Chicago", "IL", "United States"}, {"Denver", "CO", "United States"}, {"Toronto", "ON", "Canada"},
            {"London", "England", "United Kingdom"}, {"Berlin", "Berlin", "Germany"},
            {"Munich", "Bavaria", "Germany"}, {"Paris", "Ile-de-France", "France"},
            {"Amsterdam", "North Holland", "Netherlands"}, {"Madrid", "Madrid", "Spain"},
            {"Stockholm", "Stockholm", "Sweden"}, {"Zurich", "Zurich", "Switzerland"}, {"Dublin", "Leinster", "Ireland"},
            {"Sydney", "NSW", "Australia"}, {"Singapore", "Singapore", "Singapore"}, {"Tokyo", "Tokyo", "Japan"}};
    private static final String[] STREETS = {"Main St", "Market St", "Oak Ave", "Pine St", "Elm St", "Broadway",
            "High St", "Church Rd", "Mill Ln", "Park Ave", "Station Rd", "King St", "Queen St", "Harbour Way"};

    private final List<CompanyFields> fields;

    CompanyEvents(long seed, int poolSize) {
        Random random = new Random(seed);
        fields = new ArrayList<>(poolSize);
        for (int i = 0; i < poolSize; i++) {
            fields.add(company(random, i));
        }
    }

    /** A new company's first event. */
    DomainEventMessage<CompanyCreated> created(CompanyId id, long number) {
        CompanyFields f = fields.get((int) (number % fields.size()));
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, id.value(), 0, new CompanyCreated(id, number, f),
                metaData());
    }

    /** The company's second event: its head count and phone number changed. */
    DomainEventMessage<CompanyUpdated> updated(CompanyId id, long number) {
        CompanyFields f = fields.get((int) (number % fields.size()));
        Map<String, FieldChange> changes = new LinkedHashMap<>();
        long employees = f.employeesCount();
        changes.put("employees_count", new FieldChange(employees, employees + 1 + number % 50));
        changes.put("metadata.phone_number", new FieldChange(f.metadata().phoneNumber(),
                String.format(Locale.ROOT, "+1-%03d-555-%04d", 200 + number % 800, number % 10_000)));
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, id.value(), 1, new CompanyUpdated(id, changes),
                metaData());
    }

    static CompanyId newCompanyId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new CompanyId(randomUuid(random).toString());
    }

    /** A version 4 UUID from a thread-local generator (UUID.randomUUID shares one SecureRandom). */
    static UUID randomUuid(Random random) {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }

    /** What Beacon's correlation data providers attach to an event a command produced. */
    static MetaData metaData() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String commandId = randomUuid(random).toString();
        return MetaData.with("actor_uuid", "6f1c2f0e-4a8b-4c1d-9e2f-3a4b5c6d7e8f")
                .and("actor_email", "importer@acme-data.example")
                .and("request_id", randomUuid(random).toString())
                .and("traceId", commandId)
                .and("correlationId", commandId);
    }

    private static CompanyFields company(Random r, int index) {
        String prefix = PREFIXES[r.nextInt(PREFIXES.length)];
        String core = CORES[r.nextInt(CORES.length)];
        String name = prefix + " " + core + " " + SUFFIXES[r.nextInt(SUFFIXES.length)];
        long employees = Math.min(400_000, Math.max(1, Math.round(Math.exp(4.0 + 1.7 * r.nextGaussian()))));
        Long revenue = r.nextInt(10) == 0 ? null : employees * (40_000L + r.nextInt(360_000));
        Long funding = r.nextInt(10) < 4 ? null : (long) (r.nextDouble() * employees * 150_000L);
        String[] location = LOCATIONS[r.nextInt(LOCATIONS.length)];
        String slug = (prefix + core).toLowerCase(Locale.ROOT) + index;
        String phone = r.nextInt(4) == 0 ? null : String.format(Locale.ROOT, "+1-%03d-%03d-%04d",
                200 + r.nextInt(800), r.nextInt(1000), r.nextInt(10_000));
        CompanyMetadata metadata = new CompanyMetadata(location[0], location[1], location[2], phone,
                "https://www." + slug + ".com", r.nextBoolean() ? "https://www.linkedin.com/company/" + slug : null,
                null, null);
        return new CompanyFields(name, employees, revenue, funding,
                pick(r, INDUSTRIES, 1 + r.nextInt(3)), pick(r, KEYWORDS, r.nextInt(5)), pick(r, TECHNOLOGIES, r.nextInt(7)),
                (1 + r.nextInt(9_999)) + " " + STREETS[r.nextInt(STREETS.length)], null, metadata);
    }

    private static List<String> pick(Random r, String[] from, int n) {
        LinkedHashSet<String> chosen = new LinkedHashSet<>();
        while (chosen.size() < n) {
            chosen.add(from[r.nextInt(from.length)]);
        }
        return new ArrayList<>(chosen);
    }
}
