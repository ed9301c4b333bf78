package io.beacon.contact.query;

/**
 * The company a contact belongs to, as contact views show it.
 */
public record ContactCompany(String uuid, String name) {
}
