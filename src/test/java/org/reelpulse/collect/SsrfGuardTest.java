package org.reelpulse.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SsrfGuardTest {

    private final SsrfGuard guard = new SsrfGuard(false);

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/feed", "http://127.1.2.3:8080/", "http://localhost/", "http://[::1]/",
            "http://10.0.0.5/", "http://172.16.3.4/", "http://172.31.255.255/", "http://192.168.1.1/",
            "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/", "http://[fc00::1]/", "http://[fd12:3456::1]/",
            "http://0.0.0.0/", "http://[::]/", "http://224.0.0.1/", "http://[ff02::1]/", "http://100.64.0.1/",
            "http://[::ffff:127.0.0.1]/", "http://[::ffff:10.1.2.3]/"})
    void shouldRefuseInternalAddresses(String url) {
        assertThatThrownBy(() -> guard.check(URI.create(url)))
                .isInstanceOf(SsrfGuard.Refused.class)
                .hasMessageContaining("internal address")
                .hasMessageContaining("reelpulse.collect.allow-private-addresses");
    }

    @Test
    void shouldLetPublicAddressesThrough() {
        URI u = URI.create("https://93.184.215.14/feed/");
        assertThat(guard.check(u)).isEqualTo(u);
        assertThat(guard.check(URI.create("http://[2606:4700::1111]/"))).isNotNull();
    }

    @Test
    void shouldAllowInternalAddressesOnlyWhenThePropertySaysSo() {
        assertThat(new SsrfGuard(true).check(URI.create("http://127.0.0.1:8080/feed"))).isNotNull();
    }

    @Test
    void shouldRefuseOtherSchemesAndUserInfoEvenWhenPrivateAddressesAreAllowed() {
        SsrfGuard open = new SsrfGuard(true);
        assertThatThrownBy(() -> open.check(URI.create("file:///etc/passwd"))).hasMessageContaining("only http");
        assertThatThrownBy(() -> open.check(URI.create("ftp://example.org/"))).hasMessageContaining("only http");
        assertThatThrownBy(() -> open.check(URI.create("http://user:pw@example.org/")))
                .hasMessageContaining("user name or password");
    }

    @Test
    void shouldRefuseAnInternalUrlOnSaveAsBadInputNamingTheField() {
        assertThatThrownBy(() -> SourceService.checkUrl("baseUrl", "http://10.1.2.3/feed", guard))
                .isInstanceOfSatisfying(org.reelpulse.base.UserInputException.class, e -> {
                    assertThat(e.details()).containsEntry("field", "baseUrl");
                    assertThat(e.getMessage()).contains("10.1.2.3").contains("allow-private-addresses");
                });
    }
}
