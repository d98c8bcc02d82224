package dev.callbridge.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callbridge.testing.ByteCode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Quarkus builds native images with {@code --link-at-build-time}: every class that reachable code
 * names must be on the class path, optional dependencies included. This walks the code of the
 * Twilio SDK and of Apache HttpClient 5 from Callbridge's Twilio classes (every method, so more
 * than native-image reaches) and checks that each class they name can be found.
 */
class TwilioLinkageTest {

    private static final String OWN_PACKAGE = TwilioGateway.class.getPackageName().replace('.', '/') + "/";
    /** Code walked into; whatever it names is checked, whatever the package. */
    private static final List<String> WALKED = List.of(OWN_PACKAGE, "com/twilio/", "org/apache/hc/", "org/brotli/");

    @Test
    void everyClassTheTwilioPathNamesIsOnTheClassPath() {
        Map<String, String> missing = new TreeMap<>();
        Set<String> walked = walkFrom(ByteCode.mainClasses(TwilioGateway.class).stream()
                .map(ByteCode.ClassUse::name).filter(n -> n.startsWith(OWN_PACKAGE)).toList(), missing);

        assertThat(walked).as("the walk reached the SDK's HTTP client and its decompression")
                .contains("com/twilio/http/NetworkHttpClient",
                        "org/apache/hc/client5/http/entity/BrotliInputStreamFactory");
        assertThat(missing).as("missing class <- the class naming it").isEmpty();
    }

    private static Set<String> walkFrom(List<String> roots, Map<String, String> missing) {
        Set<String> seen = new HashSet<>(roots);
        Deque<String> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            String current = todo.pop();
            for (String named : ByteCode.read(current).orElseThrow().references()) {
                if (isJdk(named)) {
                    continue;
                }
                if (!ByteCode.present(named)) {
                    missing.putIfAbsent(named, current);
                } else if (WALKED.stream().anyMatch(named::startsWith) && seen.add(named)) {
                    todo.add(named);
                }
            }
        }
        return seen;
    }

    private static boolean isJdk(String name) {
        return name.startsWith("java/") || name.startsWith("javax/") || name.startsWith("jdk/")
                || name.startsWith("sun/");
    }
}
