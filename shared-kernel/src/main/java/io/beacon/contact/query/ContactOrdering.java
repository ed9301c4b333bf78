package io.beacon.contact.query;

import java.util.Set;

/**
 * The fields a contact list can be ordered by (with {@link io.beacon.company.query.SortKey#parse});
 * ties are always broken by {@code id}.
 */
public final class ContactOrdering {

    public static final Set<String> FIELDS = Set.of("id", "uuid", "first_name", "last_name", "email", "title",
            "seniority", "email_status", "stage", "city", "state", "country", "created_at", "updated_at");

    private ContactOrdering() {
    }
}
