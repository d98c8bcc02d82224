package dev.callbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariantTest {

    private static List<Variant> variants(String selected) {
        String before = System.getProperty("bench.variants");
        System.setProperty("bench.variants", selected);
        try {
            return Variant.all(Settings.fromSystemProperties(Path.of("app.jar"), Path.of("out")));
        } finally {
            if (before == null) {
                System.clearProperty("bench.variants");
            } else {
                System.setProperty("bench.variants", before);
            }
        }
    }

    @Test
    void allRunsPostgresRightAfterBaselineWithThePostgresStoreAndItsOwnP99Bound() {
        List<Variant> all = variants("all");

        assertThat(all).extracting(Variant::name).startsWith("baseline", "postgres", "sdk-pool-default");
        Variant postgres = all.get(1);
        assertThat(postgres.usesPostgres()).isTrue();
        assertThat(postgres.env()).containsEntry("CALLBRIDGE_STORE", "postgres");
        assertThat(postgres.searchMaximum()).isTrue();
        assertThat(postgres.sustainableP99Millis(Settings.fromSystemProperties(Path.of("a"), Path.of("b"))))
                .isEqualTo(12.0);
        assertThat(all.get(0).usesPostgres()).isFalse();
        assertThat(all.get(0).sustainableP99Millis(Settings.fromSystemProperties(Path.of("a"), Path.of("b"))))
                .isEqualTo(10.0);
    }

    @Test
    void theInboundAnswerIsMeasuredInBaselineAndPostgresWithTheWebhookServedAndSigned() {
        List<Variant> all = variants("all");

        assertThat(all).filteredOn(Variant::measuresInbound).extracting(Variant::name)
                .containsExactly("baseline", "postgres");
        Map<String, String> env = all.get(0).env(18990);
        assertThat(env).containsEntry("CALLBRIDGE_PUBLIC_BASE_URL", InboundTraffic.PUBLIC_BASE_URL)
                .containsEntry("TWILIO_AUTH_TOKEN", Variant.TWILIO_AUTH_TOKEN)
                .containsEntry("ULTRAVOX_BASE_URL", "http://127.0.0.1:18990");
        assertThat(InboundTraffic.PUBLIC_BASE_URL).startsWith("https://");
    }

    @Test
    void theConnectModesAreMeasuredInBaselineAndPostgresOnly() {
        assertThat(variants("all")).filteredOn(Variant::measuresConnectModes).extracting(Variant::name)
                .containsExactly("baseline", "postgres");
    }

    @Test
    void postgresCanBeChosenWithBaselineOrAlone() {
        assertThat(variants("baseline,postgres")).extracting(Variant::name).containsExactly("baseline", "postgres");
        assertThat(variants("postgres")).extracting(Variant::name).containsExactly("postgres");
    }
}
