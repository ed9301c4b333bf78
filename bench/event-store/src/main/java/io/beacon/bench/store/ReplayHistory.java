package io.beacon.bench.store;

import io.beacon.company.event.CompanyCreated;
import io.beacon.company.event.CompanyDeleted;
import io.beacon.company.event.CompanyUpdated;
import io.beacon.company.value.CompanyField;
import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyId;
import io.beacon.company.value.CompanyMetadata;
import io.beacon.company.value.FieldChange;
import io.beacon.contact.event.ContactCreated;
import io.beacon.contact.event.ContactDeleted;
import io.beacon.contact.event.ContactUpdated;
import io.beacon.contact.value.ContactDeletionCause;
import io.beacon.contact.value.ContactField;
import io.beacon.contact.value.ContactFields;
import io.beacon.contact.value.ContactId;
import io.beacon.contact.value.ContactMetadata;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A deterministic history of Beacon's own events, as its aggregates would have applied them command by
 * command: companies created, updated (1–3 fields per update: head counts, money, names, list fields
 * added to or taken from, metadata, sometimes a value cleared), a few deleted (each deletion followed by
 * the cascade's {@code ContactDeleted} of its live contacts, as {@code ContactCascade} would have sent
 * them), contacts created in live companies, updated and deleted. Every update's old values are the
 * aggregate's state, so the Company and Contact aggregates, the projections and the history read it as
 * they read what they wrote themselves. Events carry the metadata Beacon's correlation providers add
 * (actor, request, trace, correlation) and timestamps spread evenly over {@code span} up to now.
 *
 * <p>Which companies change: updates go 10 % to a hot set (the first 200 companies, so these end up with
 * hundreds of events each), 40 % to the 2,000 most recently created (records are edited soon after they
 * come in), 50 % to any live company; contacts go 20 % to 1,000 "large accounts", 30 % to recent companies,
 * 50 % to any. Same seed, same events (identifiers included).
 */
final class ReplayHistory {

    /** Share of the events of each kind (a deletion's cascade comes on top of its share). */
    static final double COMPANY_CREATED = 0.22;
    static final double COMPANY_UPDATED = 0.62;
    static final double COMPANY_DELETED = 0.008;
    static final double CONTACT_CREATED = 0.11;
    static final double CONTACT_UPDATED = 0.037;
    // the rest: contacts deleted by request

    static final int HOT_COMPANIES = 200;
    private static final int RECENT_COMPANIES = 2_000;
    private static final int LARGE_ACCOUNTS = 1_000;
    static final int SNAPSHOT_EVERY = 100;

    private static final String[] PREFIXES = {"Summit", "Harbor", "Granite", "Juniper", "Falcon", "Cedar", "Orion",
            "Keystone", "Willow", "Zenith", "Meridian", "Cobalt", "Prairie", "Tundra", "Vortex", "Quill", "Beacon",
            "Atlas", "Nimbus", "Sierra", "Aurora", "Redwood", "Lumen", "Vertex"};
    private static final String[] CORES = {"Analytics", "Dynamics", "Logistics", "Health", "Energy", "Foods",
            "Robotics", "Software", "Capital", "Media", "Networks", "Biotech", "Materials", "Retail", "Security",
            "Systems", "Labs", "Works", "Solutions", "Partners", "Aerospace", "Apparel", "Insurance", "Mobility"};
    private static final String[] SUFFIXES = {"Inc", "LLC", "Ltd", "Corp", "GmbH", "Group", "Co", "SA", "PLC", "AG"};
    private static final String[] INDUSTRIES = {"Information Technology", "Software", "Financial Services",
            "Healthcare", "Retail", "Manufacturing", "Marketing & Advertising", "Real Estate", "Education",
            "Construction", "Consulting", "Logistics", "Hospitality", "Telecommunications", "Insurance", "Media",
            "Automotive", "Energy", "Biotechnology", "E-commerce", "Food & Beverage", "Legal", "Nonprofit",
            "Pharmaceuticals", "Aerospace", "Agriculture", "Gaming", "Security", "Semiconductors", "Renewables"};
    private static final String[] KEYWORDS = {"b2b", "saas", "enterprise", "software", "services", "consulting",
            "marketplace", "b2c", "cloud", "analytics", "ai", "platform", "mobile", "ecommerce", "data", "security",
            "payments", "fintech", "healthtech", "machine learning", "logistics", "api", "devops", "crm", "hr",
            "startup", "subscription", "wholesale", "open source", "iot", "sustainability", "hardware", "consumer"};
    private static final String[] TECHNOLOGIES = {"Google Analytics", "AWS", "WordPress", "Salesforce",
            "Microsoft Office 365", "Google Workspace", "HubSpot", "React", "Stripe", "Shopify", "Slack", "Zendesk",
            "Python", "Java", "Node.js", "PostgreSQL", "MySQL", "Docker", "Kubernetes", "Azure", "GCP", "TypeScript",
            "Jira", "Mailchimp", "Intercom", "Segment", "Snowflake", "MongoDB", "Redis", "Kafka", "Terraform", "Go",
            "Angular", "Vue", "Elasticsearch", "Datadog", "Okta", "Marketo", "Workday", "SAP", "Tableau", "GraphQL"};
    private static final String[][] LOCATIONS = {
            {"New York", "NY", "United States"}, {"San Francisco", "CA", "United States"},
            {"London", "England", "United Kingdom"}, {"Los Angeles", "CA", "United States"},
            {"Chicago", "IL", "United States"}, {"Austin", "TX", "United States"}, {"Boston", "MA", "United States"},
            {"Seattle", "WA", "United States"}, {"Toronto", "ON", "Canada"}, {"Berlin", "Berlin", "Germany"},
            {"Paris", "Ile-de-France", "France"}, {"Dallas", "TX", "United States"}, {"Atlanta", "GA", "United States"},
            {"Denver", "CO", "United States"}, {"Miami", "FL", "United States"}, {"Sydney", "NSW", "Australia"},
            {"Amsterdam", "North Holland", "Netherlands"}, {"Bangalore", "Karnataka", "India"},
            {"Singapore", "Singapore", "Singapore"}, {"Dublin", "Leinster", "Ireland"}, {"Munich", "Bavaria", "Germany"},
            {"Stockholm", "Stockholm", "Sweden"}, {"Madrid", "Madrid", "Spain"}, {"Tel Aviv", "Tel Aviv", "Israel"},
            {"Tokyo", "Tokyo", "Japan"}, {"Sao Paulo", "SP", "Brazil"}, {"Zurich", "Zurich", "Switzerland"}};
    private static final String[] STREETS = {"Main St", "Market St", "Oak Ave", "Pine St", "Elm St", "Broadway",
            "High St", "Church Rd", "Mill Ln", "Park Ave", "Station Rd", "King St", "Queen St", "Harbour Way"};
    private static final String[] FIRST_NAMES = {"James", "Mary", "Michael", "Jennifer", "John", "Linda", "David",
            "Sarah", "Robert", "Jessica", "William", "Emily", "Daniel", "Laura", "Chris", "Anna", "Matthew", "Maria",
            "Andrew", "Lisa", "Joseph", "Karen", "Thomas", "Rachel", "Ryan", "Nicole", "Kevin", "Amanda", "Priya",
            "Wei", "Raj", "Mei", "Luca", "Sofia", "Lucas", "Camille", "Mohammed", "Fatima", "Hiroshi", "Yuki"};
    private static final String[] LAST_NAMES = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
            "Davis", "Rodriguez", "Martinez", "Lopez", "Wilson", "Anderson", "Taylor", "Moore", "Jackson", "Martin",
            "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Young", "Allen", "King", "Wright",
            "Patel", "Kumar", "Singh", "Chen", "Wang", "Kim", "Nguyen", "Tanaka", "Muller", "Schmidt", "Dubois",
            "Rossi", "Silva", "Novak", "Jensen", "Murphy", "Cohen", "Khan", "Ivanov", "Costa"};
    private static final String[] DEPARTMENTS = {"Engineering", "Sales", "Marketing", "Operations",
            "Customer Success", "Product", "Finance", "Human Resources", "Information Technology", "Design", "Legal",
            "Data"};
    private static final String[][] ROLES = {
            {"Software Engineer", "Backend Engineer", "Frontend Engineer", "DevOps Engineer", "QA Engineer"},
            {"Account Executive", "Sales Development Representative", "Account Manager", "Sales Engineer"},
            {"Marketing Specialist", "Growth Marketer", "Product Marketing Manager", "SEO Specialist"},
            {"Operations Specialist", "Operations Analyst", "Supply Chain Analyst", "Project Coordinator"},
            {"Customer Success Manager", "Support Engineer", "Implementation Specialist"},
            {"Product Manager", "Product Owner", "Business Analyst"},
            {"Financial Analyst", "Accountant", "Controller"},
            {"Recruiter", "HR Generalist", "People Partner"},
            {"Systems Administrator", "IT Support Specialist", "Network Engineer", "Security Analyst"},
            {"Product Designer", "UX Designer", "UX Researcher"},
            {"Counsel", "Paralegal", "Compliance Analyst"},
            {"Data Analyst", "Data Scientist", "Data Engineer"}};
    private static final String[] SENIORITIES = {"intern", "entry", "mid", "senior", "manager", "head", "director",
            "vp", "c_suite", "owner"};
    private static final int[] SENIORITY_WEIGHTS = {2, 18, 30, 24, 12, 2, 6, 3, 2, 1};
    private static final String[] EMAIL_STATUSES = {"verified", "guessed", "unavailable", "bounced"};
    private static final String[] STAGES = {"cold", "approaching", "replied", "interested", "not_interested"};
    /** Who writes: a few admins (actor_uuid, actor_email on every event, as the correlation providers copy them). */
    private static final String[][] ACTORS = {
            {"6f1c2f0e-4a8b-4c1d-9e2f-3a4b5c6d7e8f", "importer@acme-data.example"},
            {"0b7d7c52-5f3e-4d0a-a1c2-88e1f0b4c9d3", "ops@acme-data.example"},
            {"9a2e4c11-7b6d-4f85-b0a3-5d6c7e8f9a0b", "ada@acme-data.example"},
            {"3c4d5e6f-1a2b-4c3d-8e9f-0a1b2c3d4e5f", "grace@acme-data.example"}};

    /** Company fields an update changes, with weights (metadata.location moves city, state and country at once). */
    private static final String[] COMPANY_CHANGES = {"employees_count", "annual_revenue", "total_funding", "name",
            "industries", "keywords", "technologies", "address", "metadata.phone_number", "metadata.location",
            "metadata.website", "metadata.linkedin_url", "metadata.twitter_url", "metadata.facebook_url"};
    private static final int[] COMPANY_CHANGE_WEIGHTS = {25, 10, 8, 6, 8, 12, 14, 4, 8, 4, 4, 4, 2, 1};
    private static final String[] CONTACT_CHANGES = {"stage", "promotion", "email_status", "mobile_phone",
            "work_direct_phone", "departments", "metadata.city", "email", "last_name", "metadata.linkedin_url"};
    private static final int[] CONTACT_CHANGE_WEIGHTS = {25, 20, 15, 10, 8, 7, 5, 5, 2, 3};

    /** One company as its aggregate holds it, plus its live contacts. */
    static final class CompanyState {
        final int index;
        final String id;
        final String domain;
        CompanyFields fields;
        long version;
        boolean deleted;
        final List<Integer> contacts = new ArrayList<>(0);

        CompanyState(int index, String id, String domain, CompanyFields fields) {
            this.index = index;
            this.id = id;
            this.domain = domain;
            this.fields = fields;
            this.version = 1;
        }
    }

    static final class ContactState {
        final String id;
        final int company;
        ContactFields fields;
        long version;
        boolean deleted;

        ContactState(String id, int company, ContactFields fields) {
            this.id = id;
            this.company = company;
            this.fields = fields;
            this.version = 1;
        }
    }

    /** A company at a multiple of {@value #SNAPSHOT_EVERY} events: where Beacon's snapshot trigger would have taken one. */
    record SnapshotPoint(String companyId, long sequence, CompanyFields fields, long version, Instant at) {
    }

    private final SplittableRandom random;
    private final long total;
    private final Instant start;
    private final long stepNanos;
    private final List<CompanyState> companies = new ArrayList<>();
    private final LiveSet liveCompanies = new LiveSet();
    private final List<ContactState> contacts = new ArrayList<>();
    private final LiveSet liveContacts = new LiveSet();
    private final List<SnapshotPoint> snapshots = new ArrayList<>();
    private final Map<String, Long> counts = new TreeMap<>();
    private long produced;
    private long companyNumber;
    private long contactNumber;
    private long cascaded;

    private final int hotCompanies;

    ReplayHistory(long seed, long total, Instant end, java.time.Duration span) {
        this(seed, total, end, span, HOT_COMPANIES);
    }

    /** {@code hotCompanies}: how many of the first companies take a tenth of all updates. */
    ReplayHistory(long seed, long total, Instant end, java.time.Duration span, int hotCompanies) {
        this.hotCompanies = hotCompanies;
        this.random = new SplittableRandom(seed);
        this.total = total;
        this.start = end.minus(span);
        this.stepNanos = Math.max(1, span.toNanos() / Math.max(1, total));
    }

    /** Produces all {@code total} events, in order, each as the one event of its command. */
    void generate(Consumer<DomainEventMessage<?>> sink) {
        while (produced < total) {
            double r = random.nextDouble();
            long left = total - produced;
            if (liveCompanies.size() < 50 || r < COMPANY_CREATED) {
                createCompany(sink);
            } else if (r < COMPANY_CREATED + COMPANY_UPDATED) {
                updateCompany(sink);
            } else if (r < COMPANY_CREATED + COMPANY_UPDATED + COMPANY_DELETED) {
                CompanyState victim = pickDeletable();
                if (victim == null || 1 + victim.contacts.size() > left) {
                    updateCompany(sink);
                } else {
                    deleteCompany(victim, sink);
                }
            } else if (r < COMPANY_CREATED + COMPANY_UPDATED + COMPANY_DELETED + CONTACT_CREATED
                    || liveContacts.size() < 50) {
                createContact(sink);
            } else if (r < COMPANY_CREATED + COMPANY_UPDATED + COMPANY_DELETED + CONTACT_CREATED + CONTACT_UPDATED) {
                updateContact(sink);
            } else {
                deleteContact(sink);
            }
        }
    }

    // ---- companies

    private void createCompany(Consumer<DomainEventMessage<?>> sink) {
        int index = companies.size();
        String id = uuid();
        String prefix = pick(PREFIXES);
        String core = pick(CORES);
        String slug = (prefix + core).toLowerCase(Locale.ROOT) + index;
        String domain = slug + (random.nextInt(5) == 0 ? ".io" : ".com");
        long employees = Math.min(400_000, Math.max(1, Math.round(Math.exp(4.0 + 1.7 * gaussian()))));
        Long revenue = random.nextInt(10) == 0 ? null : employees * (40_000L + random.nextInt(360_000));
        Long funding = random.nextInt(10) < 4 ? null : (long) (random.nextDouble() * employees * 150_000L);
        String[] location = LOCATIONS[random.nextInt(LOCATIONS.length)];
        CompanyMetadata metadata = new CompanyMetadata(location[0], location[1], location[2],
                random.nextInt(4) == 0 ? null : phone(), "https://www." + domain,
                random.nextBoolean() ? "https://www.linkedin.com/company/" + slug : null,
                random.nextInt(8) == 0 ? "https://www.facebook.com/" + slug : null,
                random.nextInt(6) == 0 ? "https://twitter.com/" + slug : null);
        CompanyFields fields = new CompanyFields(prefix + " " + core + " " + pick(SUFFIXES), employees, revenue,
                funding, pickSome(INDUSTRIES, 1 + random.nextInt(3)), pickSome(KEYWORDS, random.nextInt(6)),
                pickSome(TECHNOLOGIES, random.nextInt(9)),
                (1 + random.nextInt(9_999)) + " " + pick(STREETS), null, metadata);
        CompanyState company = new CompanyState(index, id, domain, fields);
        companies.add(company);
        liveCompanies.add(index);
        CompanyId companyId = CompanyId.of(id);
        emit(sink, "Company", id, 0, new CompanyCreated(companyId, ++companyNumber, fields), metaData());
    }

    private void updateCompany(Consumer<DomainEventMessage<?>> sink) {
        CompanyState company = pickForUpdate();
        Map<String, FieldChange> changes = new LinkedHashMap<>();
        int wanted = random.nextInt(10) < 6 ? 1 : random.nextInt(3) < 2 ? 2 : 3;
        int attempts = 0;
        while (changes.size() < wanted && attempts++ < 10) {
            companyChange(company, COMPANY_CHANGES[weighted(COMPANY_CHANGE_WEIGHTS)], changes);
        }
        if (changes.isEmpty()) {
            companyChange(company, "employees_count", changes);
        }
        for (Map.Entry<String, FieldChange> change : changes.entrySet()) {
            company.fields = company.fields.with(CompanyField.fromApiName(change.getKey()), change.getValue().newValue());
        }
        long sequence = company.version;
        company.version++;
        emit(sink, "Company", company.id, sequence, new CompanyUpdated(CompanyId.of(company.id), changes), metaData());
        if (company.version % SNAPSHOT_EVERY == 0) {
            snapshots.add(new SnapshotPoint(company.id, sequence, company.fields, company.version, timestamp()));
        }
    }

    private void companyChange(CompanyState company, String what, Map<String, FieldChange> changes) {
        CompanyFields f = company.fields;
        switch (what) {
            case "employees_count" -> {
                long old = f.employeesCount() == null ? 10 : f.employeesCount();
                long next = Math.max(1, Math.round(old * (0.8 + random.nextDouble() * 0.5)));
                if (next == old) {
                    next = old + 1;
                }
                put(changes, "employees_count", f.employeesCount(), next);
            }
            case "annual_revenue" -> put(changes, "annual_revenue", f.annualRevenue(),
                    random.nextInt(20) == 0 ? null : (long) (1_000_000 + random.nextDouble() * 900_000_000L));
            case "total_funding" -> put(changes, "total_funding", f.totalFunding(),
                    (f.totalFunding() == null ? 0 : f.totalFunding()) + 500_000L + random.nextInt(50_000_000));
            case "name" -> put(changes, "name", f.name(), pick(PREFIXES) + " " + f.name().substring(f.name().indexOf(' ') + 1));
            case "industries" -> put(changes, "industries", f.industries(), changeList(f.industries(), INDUSTRIES, 1, 5));
            case "keywords" -> put(changes, "keywords", f.keywords(), changeList(f.keywords(), KEYWORDS, 0, 12));
            case "technologies" -> put(changes, "technologies", f.technologies(),
                    changeList(f.technologies(), TECHNOLOGIES, 0, 25));
            case "address" -> put(changes, "address", f.address(), (1 + random.nextInt(9_999)) + " " + pick(STREETS));
            case "metadata.phone_number" -> put(changes, "metadata.phone_number", f.metadata().phoneNumber(),
                    random.nextInt(10) == 0 ? null : phone());
            case "metadata.location" -> {
                String[] location = LOCATIONS[random.nextInt(LOCATIONS.length)];
                put(changes, "metadata.city", f.metadata().city(), location[0]);
                put(changes, "metadata.state", f.metadata().state(), location[1]);
                put(changes, "metadata.country", f.metadata().country(), location[2]);
            }
            case "metadata.website" -> put(changes, "metadata.website", f.metadata().website(),
                    "https://" + (random.nextBoolean() ? "www." : "") + company.domain + (random.nextBoolean() ? "/" : "/home"));
            case "metadata.linkedin_url" -> put(changes, "metadata.linkedin_url", f.metadata().linkedinUrl(),
                    random.nextInt(8) == 0 ? null : "https://www.linkedin.com/company/" + company.domain.replace('.', '-'));
            case "metadata.twitter_url" -> put(changes, "metadata.twitter_url", f.metadata().twitterUrl(),
                    "https://twitter.com/" + company.domain.substring(0, company.domain.indexOf('.')) + random.nextInt(100));
            case "metadata.facebook_url" -> put(changes, "metadata.facebook_url", f.metadata().facebookUrl(),
                    "https://www.facebook.com/" + company.domain.substring(0, company.domain.indexOf('.')));
            default -> throw new IllegalArgumentException(what);
        }
    }

    private void deleteCompany(CompanyState company, Consumer<DomainEventMessage<?>> sink) {
        MetaData deleting = metaData();
        long sequence = company.version;
        company.version++;
        company.deleted = true;
        liveCompanies.remove(company.index);
        emit(sink, "Company", company.id, sequence, new CompanyDeleted(CompanyId.of(company.id)), deleting);
        // ContactCascade: one DeleteContact per live contact, carrying the deleting request's actor and request id.
        for (int contactIndex : List.copyOf(company.contacts)) {
            ContactState contact = contacts.get(contactIndex);
            String command = uuid();
            MetaData cascade = MetaData.with("actor_uuid", deleting.get("actor_uuid"))
                    .and("actor_email", deleting.get("actor_email"))
                    .and("request_id", deleting.get("request_id"))
                    .and("traceId", deleting.get("traceId"))
                    .and("correlationId", command);
            removeContact(contactIndex, contact);
            emit(sink, "Contact", contact.id, contact.version - 1, new ContactDeleted(ContactId.of(contact.id),
                    CompanyId.of(company.id), ContactDeletionCause.COMPANY_DELETED), cascade);
            cascaded++;
        }
    }

    private CompanyState pickForUpdate() {
        int r = random.nextInt(10);
        if (r == 0) {
            CompanyState hot = companies.get(random.nextInt(Math.min(hotCompanies, companies.size())));
            if (!hot.deleted) {
                return hot;
            }
        } else if (r <= 4) {
            CompanyState recent = companies.get(companies.size() - 1 - random.nextInt(Math.min(RECENT_COMPANIES, companies.size())));
            if (!recent.deleted) {
                return recent;
            }
        }
        return companies.get(liveCompanies.pick(random));
    }

    private CompanyState pickDeletable() {
        for (int i = 0; i < 5; i++) {
            CompanyState company = companies.get(liveCompanies.pick(random));
            if (company.index >= hotCompanies + LARGE_ACCOUNTS) {
                return company;
            }
        }
        return null;
    }

    // ---- contacts

    private void createContact(Consumer<DomainEventMessage<?>> sink) {
        CompanyState company = pickForContact();
        int department = Math.min(DEPARTMENTS.length - 1, (int) Math.floor(Math.abs(gaussian()) * 3.5));
        String seniority = SENIORITIES[weighted(SENIORITY_WEIGHTS)];
        String first = pick(FIRST_NAMES);
        String last = pick(LAST_NAMES);
        List<String> departments = random.nextInt(7) == 0
                ? List.of(DEPARTMENTS[department], DEPARTMENTS[(department + 1 + random.nextInt(DEPARTMENTS.length - 1)) % DEPARTMENTS.length])
                : List.of(DEPARTMENTS[department]);
        CompanyMetadata where = company.fields.metadata();
        boolean companyCity = random.nextInt(10) < 8 || where.city() == null;
        String[] location = companyCity ? new String[]{where.city(), where.state(), where.country()}
                : LOCATIONS[random.nextInt(LOCATIONS.length)];
        String slug = (first + "-" + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z-]", "");
        ContactFields fields = new ContactFields(first, last, email(first, last, company.domain),
                title(department, seniority), seniority, departments, EMAIL_STATUSES[weighted(new int[]{65, 15, 12, 5})],
                random.nextInt(10) < 4 ? phone() : null, random.nextInt(20) == 0 ? phone() : null,
                random.nextInt(10) < 3 ? phone() : null, random.nextInt(30) == 0 ? phone() : null,
                random.nextBoolean() ? pick(STAGES) : null,
                new ContactMetadata(location[0], location[1], location[2],
                        random.nextInt(10) < 6 ? "https://www.linkedin.com/in/" + slug + "-" + random.nextInt(10_000) : null,
                        null, null, random.nextInt(15) == 0 ? "https://twitter.com/" + slug.replace("-", "") : null));
        int index = contacts.size();
        String id = uuid();
        ContactState contact = new ContactState(id, company.index, fields);
        contacts.add(contact);
        liveContacts.add(index);
        company.contacts.add(index);
        emit(sink, "Contact", id, 0, new ContactCreated(ContactId.of(id), CompanyId.of(company.id), ++contactNumber,
                fields, Set.of()), metaData());
    }

    private void updateContact(Consumer<DomainEventMessage<?>> sink) {
        ContactState contact = contacts.get(liveContacts.pick(random));
        CompanyState company = companies.get(contact.company);
        ContactFields f = contact.fields;
        Map<String, FieldChange> changes = new LinkedHashMap<>();
        int wanted = random.nextInt(4) == 0 ? 2 : 1;
        int attempts = 0;
        while (changes.size() < wanted && attempts++ < 10) {
            switch (CONTACT_CHANGES[weighted(CONTACT_CHANGE_WEIGHTS)]) {
                case "stage" -> put(changes, "stage", f.stage(), pick(STAGES));
                case "promotion" -> {
                    int seniority = Math.min(SENIORITIES.length - 1, Arrays.asList(SENIORITIES).indexOf(
                            f.seniority() == null ? "mid" : f.seniority()) + 1);
                    int department = Math.max(0, Arrays.asList(DEPARTMENTS).indexOf(f.departments().isEmpty()
                            ? "Engineering" : f.departments().get(0)));
                    put(changes, "seniority", f.seniority(), SENIORITIES[seniority]);
                    put(changes, "title", f.title(), title(department, SENIORITIES[seniority]));
                }
                case "email_status" -> put(changes, "email_status", f.emailStatus(), pick(EMAIL_STATUSES));
                case "mobile_phone" -> put(changes, "mobile_phone", f.mobilePhone(), phone());
                case "work_direct_phone" -> put(changes, "work_direct_phone", f.workDirectPhone(),
                        random.nextInt(5) == 0 ? null : phone());
                case "departments" -> put(changes, "departments", f.departments(),
                        changeList(f.departments(), DEPARTMENTS, 1, 3));
                case "metadata.city" -> put(changes, "metadata.city", f.metadata().city(),
                        LOCATIONS[random.nextInt(LOCATIONS.length)][0]);
                case "email" -> put(changes, "email", f.email(), email(f.firstName(), f.lastName() + random.nextInt(100),
                        company.domain));
                case "last_name" -> put(changes, "last_name", f.lastName(), pick(LAST_NAMES));
                case "metadata.linkedin_url" -> put(changes, "metadata.linkedin_url", f.metadata().linkedinUrl(),
                        "https://www.linkedin.com/in/" + f.firstName().toLowerCase(Locale.ROOT) + "-" + random.nextInt(100_000));
                default -> throw new IllegalStateException();
            }
        }
        if (changes.isEmpty()) {
            put(changes, "stage", f.stage(), f.stage() == null ? "cold" : null);
        }
        for (Map.Entry<String, FieldChange> change : changes.entrySet()) {
            contact.fields = contact.fields.with(ContactField.fromApiName(change.getKey()), change.getValue().newValue());
        }
        long sequence = contact.version;
        contact.version++;
        emit(sink, "Contact", contact.id, sequence, new ContactUpdated(ContactId.of(contact.id), CompanyId.of(company.id),
                changes, Set.of()), metaData());
    }

    private void deleteContact(Consumer<DomainEventMessage<?>> sink) {
        int index = liveContacts.pick(random);
        ContactState contact = contacts.get(index);
        removeContact(index, contact);
        emit(sink, "Contact", contact.id, contact.version - 1, new ContactDeleted(ContactId.of(contact.id),
                CompanyId.of(companies.get(contact.company).id), ContactDeletionCause.REQUESTED), metaData());
    }

    private void removeContact(int index, ContactState contact) {
        contact.deleted = true;
        contact.version++;
        liveContacts.remove(index);
        companies.get(contact.company).contacts.remove(Integer.valueOf(index));
    }

    private CompanyState pickForContact() {
        int r = random.nextInt(10);
        if (r < 2 && companies.size() > hotCompanies) {
            CompanyState large = companies.get(hotCompanies + random.nextInt(Math.min(LARGE_ACCOUNTS, companies.size() - hotCompanies)));
            if (!large.deleted) {
                return large;
            }
        } else if (r < 5) {
            CompanyState recent = companies.get(companies.size() - 1 - random.nextInt(Math.min(RECENT_COMPANIES, companies.size())));
            if (!recent.deleted) {
                return recent;
            }
        }
        return companies.get(liveCompanies.pick(random));
    }

    // ---- output

    private void emit(Consumer<DomainEventMessage<?>> sink, String type, String aggregate, long sequence, Object payload,
                      MetaData metaData) {
        Instant at = timestamp();
        produced++;
        count(payload.getClass().getSimpleName());
        sink.accept(new GenericDomainEventMessage<>(type, aggregate, sequence, payload, metaData, uuid(), at));
    }

    private Instant timestamp() {
        long jitter = stepNanos > 2 ? random.nextLong(stepNanos / 2) : 0;
        return start.plusNanos(produced * stepNanos + jitter);
    }

    private void count(String what) {
        counts.merge(what, 1L, Long::sum);
    }

    private MetaData metaData() {
        String[] actor = ACTORS[random.nextInt(10) < 7 ? 0 : 1 + random.nextInt(ACTORS.length - 1)];
        String command = uuid();
        return MetaData.with("actor_uuid", actor[0])
                .and("actor_email", actor[1])
                .and("request_id", uuid())
                .and("traceId", command)
                .and("correlationId", command);
    }

    // ---- results

    long produced() {
        return produced;
    }

    long companyNumber() {
        return companyNumber;
    }

    long contactNumber() {
        return contactNumber;
    }

    List<SnapshotPoint> snapshots() {
        return snapshots;
    }

    Map<String, Long> counts() {
        return counts;
    }

    /** What was generated, as {@code key=value} lines. */
    List<String> describe() {
        List<String> lines = new ArrayList<>();
        counts.forEach((kind, n) -> lines.add("events." + kind + "=" + n));
        lines.add("contacts.deleted_by_cascade=" + cascaded + " (of events.ContactDeleted)");
        lines.add("companies.created=" + companies.size());
        lines.add("companies.live=" + liveCompanies.size());
        lines.add("contacts.created=" + contacts.size());
        lines.add("contacts.live=" + liveContacts.size());
        long[] perCompany = companies.stream().mapToLong(c -> c.version).sorted().toArray();
        if (perCompany.length > 0) {
            lines.add("company_events.p50=" + perCompany[perCompany.length / 2]);
            lines.add("company_events.p99=" + perCompany[(int) (perCompany.length * 0.99)]);
            lines.add("company_events.max=" + perCompany[perCompany.length - 1]);
        }
        lines.add("snapshots=" + snapshots.size());
        lines.add("first_event_at=" + start);
        return lines;
    }

    // ---- values

    private void put(Map<String, FieldChange> changes, String field, Object old, Object next) {
        if (!java.util.Objects.equals(old, next)) {
            changes.put(field, new FieldChange(old, next));
        }
    }

    private List<String> changeList(List<String> old, String[] from, int min, int max) {
        List<String> next = new ArrayList<>(old);
        if (!next.isEmpty() && (next.size() >= max || (next.size() > min && random.nextInt(10) < 4))) {
            next.remove(random.nextInt(next.size()));
        } else {
            for (int i = 0; i < 20; i++) {
                String value = pick(from);
                if (!next.contains(value)) {
                    next.add(value);
                    break;
                }
            }
        }
        return next;
    }

    private String title(int department, String seniority) {
        String role = ROLES[department][random.nextInt(ROLES[department].length)];
        return switch (seniority) {
            case "intern" -> role + " Intern";
            case "entry" -> "Junior " + role;
            case "senior" -> "Senior " + role;
            case "manager" -> role + " Manager";
            case "head" -> "Head of " + DEPARTMENTS[department];
            case "director" -> "Director of " + DEPARTMENTS[department];
            case "vp" -> "VP " + DEPARTMENTS[department];
            case "c_suite" -> "Chief " + DEPARTMENTS[department] + " Officer";
            case "owner" -> "Founder";
            default -> role;
        };
    }

    private static String email(String first, String last, String domain) {
        return (first + "." + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]", "") + "@" + domain;
    }

    private String phone() {
        return String.format(Locale.ROOT, "+1-%03d-%03d-%04d", 200 + random.nextInt(800), random.nextInt(1000),
                random.nextInt(10_000));
    }

    private String uuid() {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    private double gaussian() {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private List<String> pickSome(String[] from, int n) {
        LinkedHashSet<String> chosen = new LinkedHashSet<>();
        while (chosen.size() < n) {
            chosen.add(from[random.nextInt(from.length)]);
        }
        return new ArrayList<>(chosen);
    }

    private int weighted(int[] weights) {
        int sum = 0;
        for (int w : weights) {
            sum += w;
        }
        int r = random.nextInt(sum);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Indices with O(1) add, remove and uniform pick. */
    static final class LiveSet {
        private int[] items = new int[1024];
        private int[] slot = new int[1024];
        private int size;

        void add(int item) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            if (item >= slot.length) {
                slot = Arrays.copyOf(slot, Math.max(item + 1, slot.length * 2));
            }
            items[size] = item;
            slot[item] = size++;
        }

        void remove(int item) {
            int at = slot[item];
            int last = items[--size];
            items[at] = last;
            slot[last] = at;
        }

        int pick(SplittableRandom random) {
            return items[random.nextInt(size)];
        }

        int size() {
            return size;
        }
    }
}
