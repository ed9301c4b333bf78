package io.beacon.contact;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompanyDomainsTest {

    @Test
    void theDomainIsTheLowerCaseHostWithoutSchemeWwwPortOrPath() {
        assertThat(CompanyDomains.of("https://www.Acme.com/about?x=1#top")).isEqualTo("acme.com");
        assertThat(CompanyDomains.of("http://shop.acme.co.uk:8080")).isEqualTo("shop.acme.co.uk");
        assertThat(CompanyDomains.of("acme.com/")).isEqualTo("acme.com");
        assertThat(CompanyDomains.of("  WWW.ACME.COM  ")).isEqualTo("acme.com");
        assertThat(CompanyDomains.of("//cdn.acme.com/x")).isEqualTo("cdn.acme.com");
        assertThat(CompanyDomains.of("https://user:pw@www.acme.com./")).isEqualTo("acme.com");
    }

    @Test
    void noWebsiteOrNoHostGivesNoDomain() {
        assertThat(CompanyDomains.of(null)).isNull();
        assertThat(CompanyDomains.of("")).isNull();
        assertThat(CompanyDomains.of("https:///path")).isNull();
    }
}
