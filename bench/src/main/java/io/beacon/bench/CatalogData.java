package io.beacon.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Deterministic catalogue data for {@link CatalogBench}: company {@code i} and contact {@code j} of a seed are
 * always the same, and so is which company each contact belongs to.
 * <ul>
 *   <li>Companies take their name, head count, money, address, phone and web addresses from {@link CompanyData};
 *       their industries (1–3), keywords (0–4), technologies (0–9) and location are drawn Zipf-like from longer
 *       lists, so a few values are very common and most are rare. Their uuids are name-based, so the contacts can
 *       name them before they exist.</li>
 *   <li>Contacts have a department (Zipf over 12, one in seven with a second one), a seniority (weighted:
 *       mid and senior most common), a title built from both (a role drawn Zipf-like within the department, e.g.
 *       "Senior Software Engineer", "Director of Sales", "CFO"), Zipf-like first and last names, an e-mail
 *       address at the company's domain with a status, some phones, a stage, and mostly the company's city.</li>
 *   <li>One designated company gets exactly {@code designatedContacts} contacts, spread evenly over the load
 *       order; the other contacts are spread over the other companies Zipf-like (exponent
 *       {@value #CONTACTS_PER_COMPANY_EXPONENT}, ranks shuffled), so a handful have thousands and most have one
 *       to a few.</li>
 * </ul>
 */
final class CatalogData {

    static final double CONTACTS_PER_COMPANY_EXPONENT = 0.75;

    static final String[] INDUSTRIES = {"Information Technology", "Software", "Financial Services", "Healthcare",
            "Retail", "Manufacturing", "Marketing & Advertising", "Real Estate", "Education", "Construction",
            "Consulting", "Logistics", "Hospitality", "Telecommunications", "Insurance", "Media", "Automotive",
            "Energy", "Biotechnology", "E-commerce", "Food & Beverage", "Legal", "Nonprofit", "Government",
            "Pharmaceuticals", "Architecture", "Accounting", "Transportation", "Apparel", "Entertainment",
            "Aerospace", "Agriculture", "Chemicals", "Gaming", "Security", "Semiconductors", "Renewables",
            "Venture Capital", "Sports", "Publishing", "Wholesale", "Mining", "Utilities", "Environmental Services",
            "Medical Devices", "Research", "Staffing", "Printing", "Veterinary", "Fishery"};
    static final String[] TECHNOLOGIES = {"Google Analytics", "AWS", "WordPress", "Salesforce", "Microsoft Office 365",
            "Google Workspace", "HubSpot", "React", "Stripe", "Shopify", "Slack", "Zendesk", "Python", "Java",
            "Node.js", "PostgreSQL", "MySQL", "Docker", "Kubernetes", "Azure", "GCP", "TypeScript", "Jira",
            "Mailchimp", "Intercom", "Segment", "Snowflake", "MongoDB", "Redis", "Kafka", "Terraform", "Go",
            "Angular", "Vue", "Elasticsearch", "Datadog", "Okta", "Marketo", "Workday", "SAP", "Oracle",
            "Tableau", "Looker", "GraphQL", "Rust", "Kotlin", "Swift", "Spark", "Airflow", "dbt", "Twilio",
            "Auth0", "Cloudflare", "Fastly", "New Relic", "Sentry", "GitHub", "GitLab", "Figma", "Notion"};
    static final String[] KEYWORDS = {"b2b", "saas", "enterprise", "software", "services", "consulting", "marketplace",
            "b2c", "cloud", "analytics", "ai", "platform", "mobile", "ecommerce", "data", "security", "payments",
            "fintech", "healthtech", "machine learning", "logistics", "manufacturing", "api", "devops", "crm",
            "hr", "startup", "subscription", "wholesale", "open source", "iot", "sustainability", "hardware",
            "consumer", "legacy", "education", "insurance", "real estate", "media", "gaming"};
    static final String[][] LOCATIONS = {
            {"New York", "NY", "United States"}, {"San Francisco", "CA", "United States"},
            {"London", "England", "United Kingdom"}, {"Los Angeles", "CA", "United States"},
            {"Chicago", "IL", "United States"}, {"Austin", "TX", "United States"}, {"Boston", "MA", "United States"},
            {"Seattle", "WA", "United States"}, {"Toronto", "ON", "Canada"}, {"Berlin", "Berlin", "Germany"},
            {"Paris", "Ile-de-France", "France"}, {"Dallas", "TX", "United States"}, {"Atlanta", "GA", "United States"},
            {"Denver", "CO", "United States"}, {"Miami", "FL", "United States"}, {"Sydney", "NSW", "Australia"},
            {"Amsterdam", "North Holland", "Netherlands"}, {"Bangalore", "Karnataka", "India"},
            {"Singapore", "Singapore", "Singapore"}, {"Dublin", "Leinster", "Ireland"},
            {"Houston", "TX", "United States"}, {"San Diego", "CA", "United States"}, {"Munich", "Bavaria", "Germany"},
            {"Stockholm", "Stockholm", "Sweden"}, {"Madrid", "Madrid", "Spain"}, {"Tel Aviv", "Tel Aviv", "Israel"},
            {"Vancouver", "BC", "Canada"}, {"Melbourne", "VIC", "Australia"}, {"Phoenix", "AZ", "United States"},
            {"Philadelphia", "PA", "United States"}, {"Minneapolis", "MN", "United States"},
            {"Portland", "OR", "United States"}, {"Zurich", "Zurich", "Switzerland"}, {"Barcelona", "Catalonia", "Spain"},
            {"Manchester", "England", "United Kingdom"}, {"Tokyo", "Tokyo", "Japan"}, {"Sao Paulo", "SP", "Brazil"},
            {"Mexico City", "CDMX", "Mexico"}, {"Milan", "Lombardy", "Italy"}, {"Copenhagen", "Capital Region", "Denmark"},
            {"Raleigh", "NC", "United States"}, {"Salt Lake City", "UT", "United States"}, {"Pittsburgh", "PA", "United States"},
            {"Nashville", "TN", "United States"}, {"Columbus", "OH", "United States"}, {"Lyon", "Auvergne-Rhone-Alpes", "France"},
            {"Warsaw", "Masovia", "Poland"}, {"Lisbon", "Lisbon", "Portugal"}, {"Helsinki", "Uusimaa", "Finland"},
            {"Auckland", "Auckland", "New Zealand"}};
    private static final String[] FIRST_NAMES = {"James", "Mary", "Michael", "Jennifer", "John", "Linda", "David",
            "Sarah", "Robert", "Jessica", "William", "Emily", "Daniel", "Laura", "Chris", "Anna", "Matthew", "Maria",
            "Andrew", "Lisa", "Joseph", "Karen", "Thomas", "Rachel", "Ryan", "Nicole", "Kevin", "Amanda", "Brian",
            "Megan", "Mark", "Julia", "Eric", "Sophie", "Paul", "Olivia", "Steven", "Emma", "Jason", "Hannah",
            "Priya", "Wei", "Raj", "Mei", "Luca", "Sofia", "Lucas", "Camille", "Mohammed", "Fatima", "Hiroshi",
            "Yuki", "Carlos", "Ana", "Jan", "Eva", "Pedro", "Ines", "Ahmed", "Leila"};
    private static final String[] LAST_NAMES = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
            "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
            "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young",
            "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell",
            "Roberts", "Patel", "Kumar", "Singh", "Chen", "Wang", "Li", "Zhang", "Kim", "Nguyen", "Tanaka", "Sato",
            "Muller", "Schmidt", "Schneider", "Dubois", "Rossi", "Russo", "Silva", "Santos", "Novak", "Kowalski",
            "Jensen", "Hansen", "Larsen", "Andersson", "Johansson", "Murphy", "Kelly", "Walsh", "O'Brien",
            "Cohen", "Levi", "Haddad", "Khan", "Ali", "Ivanov", "Petrov", "Popescu", "Horvat", "Costa"};
    /** Departments, most common first, each with its roles (most common first) and its C-level title. */
    static final String[] DEPARTMENTS = {"Engineering", "Sales", "Marketing", "Operations", "Customer Success",
            "Product", "Finance", "Human Resources", "Information Technology", "Design", "Legal", "Data"};
    private static final String[][] ROLES = {
            {"Software Engineer", "Backend Engineer", "Frontend Engineer", "Full Stack Engineer", "DevOps Engineer",
                    "QA Engineer", "Site Reliability Engineer", "Mobile Engineer"},
            {"Account Executive", "Sales Development Representative", "Account Manager", "Sales Engineer",
                    "Business Development Representative"},
            {"Marketing Specialist", "Content Marketing Specialist", "Growth Marketer", "Product Marketing Specialist",
                    "SEO Specialist"},
            {"Operations Specialist", "Operations Analyst", "Supply Chain Analyst", "Project Coordinator"},
            {"Customer Success Specialist", "Support Engineer", "Customer Support Representative",
                    "Implementation Specialist"},
            {"Product Manager", "Product Owner", "Business Analyst"},
            {"Financial Analyst", "Accountant", "Payroll Specialist"},
            {"Recruiter", "HR Generalist", "Talent Acquisition Specialist", "People Partner"},
            {"Systems Administrator", "IT Support Specialist", "Network Engineer", "Security Analyst"},
            {"Product Designer", "UX Designer", "Graphic Designer", "UX Researcher"},
            {"Counsel", "Paralegal", "Compliance Analyst"},
            {"Data Analyst", "Data Scientist", "Data Engineer", "Machine Learning Engineer"}};
    private static final String[] CHIEFS = {"CTO", "CRO", "CMO", "COO", "Chief Customer Officer", "CPO", "CFO", "CHRO",
            "CIO", "Chief Design Officer", "General Counsel", "Chief Data Officer"};
    static final String[] SENIORITIES = {"intern", "entry", "mid", "senior", "manager", "head", "director", "vp",
            "c_suite", "owner"};
    private static final int[] SENIORITY_WEIGHTS = {2, 18, 30, 24, 12, 2, 6, 3, 2, 1};
    private static final String[] EMAIL_STATUSES = {"verified", "guessed", "unavailable", "bounced"};
    private static final int[] EMAIL_STATUS_WEIGHTS = {65, 15, 12, 5};
    private static final String[] STAGES = {"cold", "approaching", "replied", "interested", "not_interested"};

    private static final Zipf INDUSTRY = new Zipf(INDUSTRIES.length, 1.1);
    private static final Zipf TECHNOLOGY = new Zipf(TECHNOLOGIES.length, 0.9);
    private static final Zipf KEYWORD = new Zipf(KEYWORDS.length, 0.9);
    private static final Zipf LOCATION = new Zipf(LOCATIONS.length, 1.0);
    private static final Zipf FIRST = new Zipf(FIRST_NAMES.length, 0.8);
    private static final Zipf LAST = new Zipf(LAST_NAMES.length, 0.7);
    private static final Zipf DEPARTMENT = new Zipf(DEPARTMENTS.length, 1.0);
    private static final Zipf[] ROLE = new Zipf[ROLES.length];

    static {
        for (int i = 0; i < ROLES.length; i++) {
            ROLE[i] = new Zipf(ROLES[i].length, 1.0);
        }
    }

    /** A generated contact, as a {@code create_contact} request needs it. */
    record Contact(String firstName, String lastName, String email, String title, String seniority,
                   List<String> departments, String emailStatus, String workDirectPhone, String mobilePhone,
                   String stage, String city, String state, String country, String linkedinUrl) {
    }

    private final long seed;
    private final int companies;
    private final CompanyData names;
    private final int designated;
    /** contact index → company index. */
    private final int[] owner;

    /**
     * @param designatedContacts how many contacts the designated company gets (at most {@code contacts})
     */
    CatalogData(long seed, int companies, int contacts, int designatedContacts) {
        if (companies < 2) {
            throw new IllegalArgumentException("at least 2 companies");
        }
        this.seed = seed;
        this.companies = companies;
        this.names = new CompanyData(seed);
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        // Not among the first companies created, and not the last: somewhere in the middle third.
        this.designated = companies / 3 + r.nextInt(Math.max(1, companies / 3));
        // The others by Zipf rank; ranks shuffled so that the big ones are spread over the creation order.
        int[] byRank = new int[companies - 1];
        for (int i = 0, k = 0; i < companies; i++) {
            if (i != designated) {
                byRank[k++] = i;
            }
        }
        for (int i = byRank.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = byRank[i];
            byRank[i] = byRank[j];
            byRank[j] = t;
        }
        Zipf perCompany = new Zipf(byRank.length, CONTACTS_PER_COMPANY_EXPONENT);
        int own = Math.min(designatedContacts, contacts);
        this.owner = new int[contacts];
        for (int j = 0; j < contacts; j++) {
            owner[j] = byRank[perCompany.sample(r)];
        }
        // The designated company's contacts evenly over the load order.
        for (int k = 0; k < own; k++) {
            owner[(int) ((k + 0.5) * contacts / own)] = designated;
        }
    }

    int designated() {
        return designated;
    }

    int contacts() {
        return owner.length;
    }

    int ownerOf(int contact) {
        return owner[contact];
    }

    String companyUuid(int company) {
        return UUID.nameUUIDFromBytes(("beacon-bench-catalog:" + seed + ":company:" + company)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    String contactUuid(int contact) {
        return UUID.nameUUIDFromBytes(("beacon-bench-catalog:" + seed + ":contact:" + contact)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    CompanyData.Company company(int i) {
        CompanyData.Company base = names.make(i);
        SplittableRandom r = random(1, i);
        String[] location = LOCATIONS[LOCATION.sample(r)];
        return new CompanyData.Company(base.name(), base.employees(), base.revenue(), base.funding(),
                pick(r, INDUSTRIES, INDUSTRY, 1 + weighted(r, 60, 30, 10)),
                pick(r, KEYWORDS, KEYWORD, r.nextInt(5)),
                pick(r, TECHNOLOGIES, TECHNOLOGY, r.nextInt(10)),
                base.address(), location[0], location[1], location[2], base.phone(), base.website(), base.linkedin());
    }

    ObjectNode companyRequest(int i, String writeKey) {
        ObjectNode data = CompanyData.createRequest(company(i), writeKey);
        data.put("uuid", companyUuid(i));
        return data;
    }

    Contact contact(int j) {
        SplittableRandom r = random(2, j);
        CompanyData.Company company = company(owner[j]);
        String first = FIRST_NAMES[FIRST.sample(r)];
        String last = LAST_NAMES[LAST.sample(r)];
        int department = DEPARTMENT.sample(r);
        List<String> departments = new ArrayList<>(2);
        departments.add(DEPARTMENTS[department]);
        if (r.nextInt(7) == 0) {
            int second = DEPARTMENT.sample(r);
            if (second != department) {
                departments.add(DEPARTMENTS[second]);
            }
        }
        String seniority = SENIORITIES[weighted(r, SENIORITY_WEIGHTS)];
        String title = title(r, seniority, department);
        String domain = company.website().replaceFirst("^https?://(www\\.)?", "").replaceFirst("/.*$", "");
        String local = (first + "." + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "");
        String email = r.nextInt(20) == 0 ? null : local + (r.nextInt(4) == 0 ? String.valueOf(r.nextInt(100)) : "")
                + "@" + domain;
        String status = email == null ? null : EMAIL_STATUSES[weighted(r, EMAIL_STATUS_WEIGHTS)];
        String[] location = r.nextInt(5) == 0 ? LOCATIONS[LOCATION.sample(r)]
                : new String[]{company.city(), company.state(), company.country()};
        return new Contact(first, last, email, title, seniority, departments, status,
                r.nextInt(10) < 4 ? phone(r) : null, r.nextInt(10) < 3 ? phone(r) : null,
                r.nextBoolean() ? null : STAGES[r.nextInt(STAGES.length)],
                location[0], location[1], location[2],
                r.nextInt(10) < 7 ? "https://www.linkedin.com/in/" + local.replace('.', '-') + "-"
                        + Integer.toHexString(r.nextInt(0x100000)) : null);
    }

    ObjectNode contactRequest(int j, String writeKey) {
        Contact c = contact(j);
        ObjectNode data = WsConnection.JSON.createObjectNode();
        data.put("write_key", writeKey);
        data.put("company_uuid", companyUuid(owner[j]));
        data.put("uuid", contactUuid(j));
        data.put("first_name", c.firstName());
        data.put("last_name", c.lastName());
        if (c.email() != null) {
            data.put("email", c.email());
            data.put("email_status", c.emailStatus());
        }
        data.put("title", c.title());
        data.put("seniority", c.seniority());
        c.departments().forEach(data.putArray("departments")::add);
        if (c.workDirectPhone() != null) {
            data.put("work_direct_phone", c.workDirectPhone());
        }
        if (c.mobilePhone() != null) {
            data.put("mobile_phone", c.mobilePhone());
        }
        if (c.stage() != null) {
            data.put("stage", c.stage());
        }
        ObjectNode metadata = data.putObject("metadata");
        metadata.put("city", c.city());
        metadata.put("state", c.state());
        metadata.put("country", c.country());
        if (c.linkedinUrl() != null) {
            metadata.put("linkedin_url", c.linkedinUrl());
        }
        return data;
    }

    private static String title(SplittableRandom r, String seniority, int department) {
        String role = ROLES[department][ROLE[department].sample(r)];
        String name = DEPARTMENTS[department];
        return switch (seniority) {
            case "intern" -> role + " Intern";
            case "entry" -> r.nextBoolean() ? "Junior " + role : role;
            case "mid" -> r.nextInt(5) == 0 ? role + " II" : role;
            case "senior" -> r.nextInt(6) == 0 ? "Lead " + role : "Senior " + role;
            case "manager" -> name + " Manager";
            case "head" -> "Head of " + name;
            case "director" -> "Director of " + name;
            case "vp" -> "VP of " + name;
            case "c_suite" -> r.nextInt(10) < 3 ? "CEO" : CHIEFS[department];
            default -> r.nextInt(3) == 0 ? "Owner" : r.nextBoolean() ? "Founder" : "Co-Founder";
        };
    }

    private SplittableRandom random(int kind, int index) {
        return new SplittableRandom((seed * 31 + kind) * 0x9E3779B97F4A7C15L + index);
    }

    private static String phone(SplittableRandom r) {
        return String.format(Locale.ROOT, "+1-%03d-%03d-%04d", 200 + r.nextInt(800), r.nextInt(1000), r.nextInt(10_000));
    }

    /** Distinct entries, drawn by {@code zipf}, in the order drawn. */
    private static List<String> pick(SplittableRandom r, String[] from, Zipf zipf, int n) {
        LinkedHashSet<String> chosen = new LinkedHashSet<>();
        while (chosen.size() < Math.min(n, from.length)) {
            chosen.add(from[zipf.sample(r)]);
        }
        return new ArrayList<>(chosen);
    }

    private static int weighted(SplittableRandom r, int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Ranks 0..n-1 with P(k) proportional to 1/(k+1)^s. */
    static final class Zipf {
        private final double[] cumulative;

        Zipf(int n, double s) {
            cumulative = new double[n];
            double sum = 0;
            for (int k = 0; k < n; k++) {
                sum += 1 / Math.pow(k + 1, s);
                cumulative[k] = sum;
            }
            for (int k = 0; k < n; k++) {
                cumulative[k] /= sum;
            }
        }

        int sample(SplittableRandom r) {
            double u = r.nextDouble();
            int lo = 0;
            int hi = cumulative.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] < u) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
