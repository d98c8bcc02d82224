package dev.callbridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callbridge.config.ServiceConfig;
import dev.callbridge.testing.ByteCode;
import dev.callbridge.testing.ByteCode.ClassUse;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Quarkus initialises application classes while it builds a native image, so whatever a static
 * initialiser computes is frozen into the executable: native-image refuses a {@link Random} in
 * the image heap, and an id, a time or an environment variable read there would be the build
 * machine's in every process. These checks read every class of {@code src/main/java}.
 */
class BuildTimeInitialisationTest {

    /** Calls whose answer belongs to the running process, not to the build. */
    private static final Set<String> RUN_TIME_ONLY = Set.of(
            "java/util/UUID.randomUUID",
            "java/util/Random.<init>",
            "java/security/SecureRandom.<init>",
            "java/security/SecureRandom.getInstance",
            "java/security/SecureRandom.getInstanceStrong",
            "java/util/SplittableRandom.<init>",
            "java/util/concurrent/ThreadLocalRandom.current",
            "java/lang/Math.random",
            "java/lang/System.currentTimeMillis",
            "java/lang/System.nanoTime",
            "java/lang/System.getenv",
            "java/time/Instant.now",
            "java/time/LocalDateTime.now",
            "java/time/OffsetDateTime.now",
            "java/time/ZonedDateTime.now",
            "java/net/InetAddress.getLocalHost");

    @Test
    void noStaticFieldHoldsARandomGenerator() {
        List<String> offenders = mainClasses().stream().flatMap(c -> randomStatics(c.name())).toList();

        assertThat(offenders).isEmpty();
    }

    @Test
    void noStaticInitialiserAsksForRandomnessTheClockOrTheEnvironment() {
        List<String> offenders = mainClasses().stream().flatMap(BuildTimeInitialisationTest::runTimeCalls).toList();

        assertThat(offenders).isEmpty();
    }

    @Test
    void bothChecksCatchAClassThatFreezesRandomness() {
        ClassUse frozen = ByteCode.read(internal(Frozen.class)).orElseThrow();

        assertThat(randomStatics(frozen.name())).containsExactly(Frozen.class.getName() + ".RANDOM");
        assertThat(runTimeCalls(frozen)).containsExactlyInAnyOrder(
                Frozen.class.getName() + " calls java/util/Random.<init>",
                Frozen.class.getName() + " calls java/util/UUID.randomUUID");
    }

    private static List<ClassUse> mainClasses() {
        List<ClassUse> classes = ByteCode.mainClasses(ServiceConfig.class);
        assertThat(classes).as("classes compiled from src/main/java").hasSizeGreaterThan(50);
        return classes;
    }

    private static Stream<String> randomStatics(String internalName) {
        return Arrays.stream(load(internalName).getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()))
                .filter(f -> Random.class.isAssignableFrom(f.getType())
                        || SplittableRandom.class.isAssignableFrom(f.getType()))
                .map(BuildTimeInitialisationTest::describe);
    }

    private static Stream<String> runTimeCalls(ClassUse type) {
        return type.methods().stream()
                .filter(m -> m.name().equals("<clinit>"))
                .flatMap(m -> m.invoked().stream())
                .filter(RUN_TIME_ONLY::contains)
                .map(call -> type.name().replace('/', '.') + " calls " + call);
    }

    private static String describe(Field field) {
        return field.getDeclaringClass().getName() + "." + field.getName();
    }

    /** Loads without initialising, so nothing in the class runs. */
    private static Class<?> load(String internalName) {
        try {
            return Class.forName(internalName.replace('/', '.'), false,
                    BuildTimeInitialisationTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String internal(Class<?> type) {
        return type.getName().replace('.', '/');
    }

    /** What the checks must refuse. */
    @SuppressWarnings("unused")
    private static final class Frozen {
        private static final Random RANDOM = new Random();
        private static final String ID = UUID.randomUUID().toString();
    }
}
