package io.beacon.contact.query;

import io.beacon.common.FilterValues;

/**
 * A search for contacts across all companies (what an Apollo people-search URL asks for): criteria
 * on the contact, on its company, and two free-text ones. Only live contacts of live companies match.
 * <ul>
 *   <li>{@code personName}: the contact's full name ("first last") contains the text.</li>
 *   <li>{@code keywords}: any of the contact's name, full name, title, or its company's name,
 *       industries, keywords or technologies contains the text.</li>
 *   <li>{@code contact.titles} / {@code contact.excludeTitles} compare normalized titles: case,
 *       spacing and common abbreviations ("VP" = "Vice President", "Sr" = "Senior", …) do not matter.</li>
 * </ul>
 * Texts compare case-insensitively and literally.
 */
public record ContactSearch(ContactFilter contact, ContactCompanyCriteria company, String personName, String keywords) {

    public static final ContactSearch ALL = new ContactSearch(null, null, null, null);

    public ContactSearch {
        contact = contact == null ? ContactFilter.NONE : contact;
        company = company == null ? ContactCompanyCriteria.NONE : company;
        FilterValues.checkTexts(personName, keywords);
        personName = personName == null || personName.isBlank() ? null : personName.trim();
        keywords = keywords == null || keywords.isBlank() ? null : keywords.trim();
    }
}
