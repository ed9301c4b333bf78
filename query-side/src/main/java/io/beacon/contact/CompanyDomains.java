package io.beacon.contact;

import io.beacon.common.WebDomains;

/**
 * A company's domain, as contact search matches it: the host of its website without scheme,
 * credentials, port, path or a leading {@code www.}, lower-cased ({@code https://www.Acme.com/about}
 * gives {@code acme.com}); the same rule the gateway applies to the domains a request names.
 */
final class CompanyDomains {

    private CompanyDomains() {
    }

    static String of(String website) {
        return WebDomains.of(website);
    }
}
