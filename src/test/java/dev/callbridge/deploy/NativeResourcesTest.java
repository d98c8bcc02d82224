package dev.callbridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.MetadataLoader;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.quarkus.util.GlobUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.junit.jupiter.api.Test;

/**
 * A native executable holds only the class-path resources it was built with:
 * {@code quarkus.native.resources.includes} in {@code application.properties} names those that
 * libraries load by name at run time. The patterns are turned into regular expressions by
 * Quarkus' own glob converter, as the native build does.
 */
class NativeResourcesTest {

    @Test
    void libphonenumberWorksForEveryRegionWithOnlyTheIncludedResources() {
        List<String> refused = new ArrayList<>();
        PhoneNumberUtil util = PhoneNumberUtil.createInstance(includedOnly(refused));

        for (String region : util.getSupportedRegions()) {
            PhoneNumber example = util.getExampleNumber(region);
            if (example != null) {
                assertThat(util.isValidNumber(roundTrip(util, example))).as(region).isTrue();
            }
        }
        for (int code : util.getSupportedGlobalNetworkCallingCodes()) {
            PhoneNumber example = util.getExampleNumberForNonGeoEntity(code);
            assertThat(example).as("+" + code).isNotNull();
            assertThat(util.isValidNumber(roundTrip(util, example))).as("+" + code).isTrue();
        }
        assertThat(util.getSupportedRegions()).hasSizeGreaterThan(200);
        assertThat(refused).isEmpty();
    }

    @Test
    void everyResourceOfTheLibrariesThatLoadTheirOwnByNameIsIncluded() {
        List<String> resources = new ArrayList<>(resourcesIn(PhoneNumberUtil.class));
        resources.addAll(resourcesIn(HttpClientBuilder.class));

        assertThat(resources).as("libphonenumber's metadata and HttpClient's suffix list")
                .anyMatch(r -> r.startsWith("com/google/i18n/phonenumbers/data/"))
                .contains("org/publicsuffix/list/effective_tld_names.dat");
        assertThat(resources.stream().filter(r -> !included(r)).toList()).as("not included").isEmpty();
    }

    @Test
    void aResourceOutsideThePatternsIsNotIncluded() {
        assertThat(included("com/google/i18n/phonenumbers/data/PhoneNumberMetadataProto_US")).isTrue();
        assertThat(included("com/google/i18n/phonenumbers/PhoneNumberUtil.class")).isFalse();
        assertThat(included("META-INF/maven/com.googlecode.libphonenumber/libphonenumber/pom.xml")).isFalse();
    }

    /** Loads metadata as the native executable would: only what the patterns include. */
    private static MetadataLoader includedOnly(List<String> refused) {
        return name -> {
            String resource = name.startsWith("/") ? name.substring(1) : name;
            if (!included(resource)) {
                refused.add(resource);
                return null;
            }
            return NativeResourcesTest.class.getClassLoader().getResourceAsStream(resource);
        };
    }

    private static PhoneNumber roundTrip(PhoneNumberUtil util, PhoneNumber number) {
        try {
            return util.parse(util.format(number, PhoneNumberFormat.E164), "ZZ");
        } catch (com.google.i18n.phonenumbers.NumberParseException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean included(String resource) {
        return includePatterns().stream().anyMatch(p -> p.matcher(resource).matches());
    }

    private static List<Pattern> includePatterns() {
        String includes = applicationProperties().getProperty("quarkus.native.resources.includes", "");
        return Arrays.stream(includes.split(",")).map(String::trim).filter(g -> !g.isEmpty())
                .map(g -> Pattern.compile(GlobUtil.toRegexPattern(g))).toList();
    }

    private static Properties applicationProperties() {
        try (InputStream in = NativeResourcesTest.class.getClassLoader().getResourceAsStream("application.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files a library's jar carries besides classes and its META-INF. */
    private static List<String> resourcesIn(Class<?> libraryClass) {
        try (JarFile jar = new JarFile(jarOf(libraryClass).toFile())) {
            return jar.stream().filter(e -> !e.isDirectory()).map(e -> e.getName())
                    .filter(n -> !n.endsWith(".class") && !n.startsWith("META-INF/")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
