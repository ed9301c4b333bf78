package io.beacon.contact.query;

/**
 * A contact field whose values a company's attribute lookup lists. {@link #DEPARTMENTS} is a list
 * field: each department counts as one value.
 */
public enum ContactAttribute {
    FIRST_NAME,
    LAST_NAME,
    TITLE,
    SENIORITY,
    DEPARTMENTS,
    EMAIL_STATUS
}
