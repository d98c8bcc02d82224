package dev.callbridge.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF guard: which addresses and URLs may receive events. */
class WebhookTargetsTest {

    private final WebhookTargets guarded = new WebhookTargets(false, 2048);
    private final WebhookTargets open = new WebhookTargets(true, 2048);

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, loopback", "127.10.0.1, loopback", "::1, loopback",
            "169.254.169.254, link-local", "fe80::1, link-local",
            "10.1.2.3, private", "172.16.0.1, private", "172.31.255.254, private", "192.168.1.1, private",
            "fc00::1, unique-local", "fd12:3456::1, unique-local",
            "100.64.0.1, carrier-grade NAT", "100.127.255.254, carrier-grade NAT",
            "0.0.0.0, any-local", "::, any-local",
            "224.0.0.1, multicast", "ff02::1, multicast",
            "64:ff9b::a9fe:a9fe, link-local (IPv4 in IPv6)"})
    void refusesEveryNonPublicClass(String address, String expectedClass) throws Exception {
        InetAddress parsed = InetAddress.getByName(address);
        assertThat(WebhookTargets.addressClass(parsed)).isEqualTo(expectedClass);
        String host = address.contains(":") ? "[" + address + "]" : address;
        assertThatThrownBy(() -> guarded.resolve("https://" + host + "/hook"))
                .isInstanceOf(WebhookTargets.RefusedTarget.class).hasMessageContaining(expectedClass);
        assertThat(open.resolve("https://" + host + "/hook")).containsExactly(parsed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111"})
    void acceptsPublicAddresses(String address) throws Exception {
        InetAddress parsed = InetAddress.getByName(address);
        assertThat(WebhookTargets.isPublic(parsed)).isTrue();
        String host = address.contains(":") ? "[" + address + "]" : address;
        assertThat(guarded.resolve("https://" + host + ":8443/hook?x=1")).containsExactly(parsed);
    }

    @Test
    void localhostByNameIsRefused() {
        assertThatThrownBy(() -> guarded.resolve("https://localhost/hook"))
                .isInstanceOf(WebhookTargets.RefusedTarget.class).hasMessageContaining("loopback");
    }

    @Test
    void httpOnlyWithPrivateTargetsAllowed() {
        assertThat(guarded.formProblem("http://93.184.215.14/hook")).contains("must use https");
        assertThat(open.formProblem("http://127.0.0.1:8080/sandbox/inbox/demo")).isEmpty();
        assertThat(guarded.formProblem("https://example.com/hook")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a url", "/relative/path", "ftp://example.com/x", "https://user:pw@example.com/x",
            "https://example.com/x#frag", "mailto:ops@example.com"})
    void refusesMalformedUrls(String url) {
        assertThat(open.formProblem(url)).isPresent();
    }

    @Test
    void boundsTheUrlLength() {
        WebhookTargets shortUrls = new WebhookTargets(true, 40);
        assertThat(shortUrls.formProblem("https://example.com/" + "a".repeat(30))).contains("must be at most 40 characters");
    }
}
