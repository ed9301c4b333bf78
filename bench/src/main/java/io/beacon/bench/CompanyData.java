package io.beacon.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Deterministic, realistic-ish companies: company {@code i} of seed {@code s} is always the same.
 * Names are "&lt;prefix&gt; &lt;core&gt; &lt;suffix&gt;"; each of the 16 prefixes is used by ~1/16 (6.25 %) of
 * companies, and no prefix occurs inside any other name word, so a prefix as a name filter matches ~6 %.
 */
final class CompanyData {

    static final String[] PREFIXES = {"Summit", "Harbor", "Granite", "Juniper", "Falcon", "Cedar", "Orion", "Keystone",
            "Willow", "Zenith", "Meridian", "Cobalt", "Prairie", "Tundra", "Vortex", "Quill"};
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
            {"Chicago", "IL", "United States"}, {"Denver", "CO", "United States"}, {"Miami", "FL", "United States"},
            {"Atlanta", "GA", "United States"}, {"Portland", "OR", "United States"},
            {"Toronto", "ON", "Canada"}, {"Vancouver", "BC", "Canada"}, {"London", "England", "United Kingdom"},
            {"Manchester", "England", "United Kingdom"}, {"Berlin", "Berlin", "Germany"},
            {"Munich", "Bavaria", "Germany"}, {"Paris", "Ile-de-France", "France"}, {"Lyon", "Auvergne-Rhone-Alpes", "France"},
            {"Amsterdam", "North Holland", "Netherlands"}, {"Madrid", "Madrid", "Spain"},
            {"Barcelona", "Catalonia", "Spain"}, {"Milan", "Lombardy", "Italy"}, {"Stockholm", "Stockholm", "Sweden"},
            {"Zurich", "Zurich", "Switzerland"}, {"Dublin", "Leinster", "Ireland"}, {"Sydney", "NSW", "Australia"},
            {"Melbourne", "VIC", "Australia"}, {"Singapore", "Singapore", "Singapore"}, {"Tokyo", "Tokyo", "Japan"},
            {"Bangalore", "Karnataka", "India"}};
    private static final String[] STREETS = {"Main St", "Market St", "Oak Ave", "Pine St", "Elm St", "Broadway",
            "High St", "Church Rd", "Mill Ln", "Park Ave", "Station Rd", "King St", "Queen St", "Harbour Way",
            "Lakeview Dr", "Sunset Blvd", "River Rd", "Hill St", "Bridge St", "Victoria Rd"};

    /** One generated company. Nullable numbers are absent in the request. */
    record Company(String name, long employees, Long revenue, Long funding, List<String> industries,
                   List<String> keywords, List<String> technologies, String address, String city, String state,
                   String country, String phone, String website, String linkedin) {
    }

    private final long seed;

    CompanyData(long seed) {
        this.seed = seed;
    }

    Company make(long index) {
        Random r = new Random(seed * 1_000_003L + index * 7_919L + 17);
        String prefix = PREFIXES[r.nextInt(PREFIXES.length)];
        String core = CORES[r.nextInt(CORES.length)];
        String name = prefix + " " + core + " " + SUFFIXES[r.nextInt(SUFFIXES.length)];
        // Log-normal head count: median ~55, long tail to hundreds of thousands.
        long employees = Math.min(400_000, Math.max(1, Math.round(Math.exp(4.0 + 1.7 * r.nextGaussian()))));
        Long revenue = r.nextInt(10) == 0 ? null : employees * (40_000L + r.nextInt(360_000));
        Long funding = r.nextInt(10) < 4 ? null : (long) (r.nextDouble() * employees * 150_000L);
        String[] location = LOCATIONS[r.nextInt(LOCATIONS.length)];
        String slug = (prefix + core).toLowerCase(Locale.ROOT) + (index % 97 == 0 ? "" : String.valueOf(index % 1000));
        String phone = r.nextInt(4) == 0 ? null : String.format("+1-%03d-%03d-%04d", 200 + r.nextInt(800),
                r.nextInt(1000), r.nextInt(10_000));
        return new Company(name, employees, revenue, funding,
                pick(r, INDUSTRIES, 1 + r.nextInt(3)), pick(r, KEYWORDS, r.nextInt(5)), pick(r, TECHNOLOGIES, r.nextInt(7)),
                (1 + r.nextInt(9_999)) + " " + STREETS[r.nextInt(STREETS.length)],
                location[0], location[1], location[2], phone,
                "https://www." + slug + ".com",
                r.nextBoolean() ? "https://www.linkedin.com/company/" + slug : null);
    }

    /** The {@code data} of a {@code create_company} request. */
    static ObjectNode createRequest(Company c, String writeKey) {
        ObjectNode data = WsConnection.JSON.createObjectNode();
        data.put("write_key", writeKey);
        data.put("name", c.name());
        data.put("employees_count", c.employees());
        if (c.revenue() != null) {
            data.put("annual_revenue", c.revenue());
        }
        if (c.funding() != null) {
            data.put("total_funding", c.funding());
        }
        strings(data.putArray("industries"), c.industries());
        strings(data.putArray("keywords"), c.keywords());
        strings(data.putArray("technologies"), c.technologies());
        data.put("address", c.address());
        ObjectNode metadata = data.putObject("metadata");
        metadata.put("city", c.city());
        metadata.put("state", c.state());
        metadata.put("country", c.country());
        if (c.phone() != null) {
            metadata.put("phone_number", c.phone());
        }
        metadata.put("website", c.website());
        if (c.linkedin() != null) {
            metadata.put("linkedin_url", c.linkedin());
        }
        return data;
    }

    /**
     * A document of the same shape and size as a document of Beacon's {@code companies} read model
     * (as seen in the store: every field present, nulls included, lower-cased list copies, version,
     * dates, tombstone flag).
     */
    static Document readModelDocument(Company c, long number) {
        Date now = new Date();
        Document metadata = new Document("city", c.city()).append("state", c.state()).append("country", c.country())
                .append("phone_number", c.phone()).append("website", c.website()).append("linkedin_url", c.linkedin())
                .append("facebook_url", null).append("twitter_url", null);
        return new Document("_id", UUID.randomUUID().toString())
                .append("number", number)
                .append("name", c.name())
                .append("employees_count", c.employees())
                .append("annual_revenue", c.revenue())
                .append("total_funding", c.funding())
                .append("industries", c.industries())
                .append("keywords", c.keywords())
                .append("technologies", c.technologies())
                .append("address", c.address())
                .append("text_search", null)
                .append("metadata", metadata)
                .append("industries_lc", lower(c.industries()))
                .append("keywords_lc", lower(c.keywords()))
                .append("technologies_lc", lower(c.technologies()))
                .append("version", 1L)
                .append("created_at", now)
                .append("updated_at", now)
                .append("deleted", false);
    }

    private static List<String> pick(Random r, String[] from, int n) {
        LinkedHashSet<String> chosen = new LinkedHashSet<>();
        while (chosen.size() < n) {
            chosen.add(from[r.nextInt(from.length)]);
        }
        return new ArrayList<>(chosen);
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
