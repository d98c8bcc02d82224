package dev.callbridge.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.twilio.exception.RestException;
import com.twilio.rest.api.v2010.account.Call;
import dev.callbridge.testing.ByteCode;
import dev.callbridge.testing.ByteCode.ClassUse;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Derives, from the byte code of Callbridge and of the Twilio SDK, which SDK types Jackson binds
 * when Callbridge talks to Twilio, and checks that {@link TwilioJsonTypes} registers exactly
 * those. A native executable can bind only registered types, so a new SDK call in Callbridge
 * (or an SDK upgrade that parses another type) fails here first, not in production.
 */
class TwilioJsonTypesTest {

    private static final String TWILIO = "com/twilio/";
    private static final String OBJECT_MAPPER = "com/fasterxml/jackson/databind/ObjectMapper";
    private static final Set<String> READS = Set.of("readValue", "convertValue", "treeToValue", "readerFor");

    @Test
    void registersExactlyTheTwilioTypesJacksonBindsForCallbridge() {
        Set<Class<?>> bound = jacksonGraph(parsedBy(reach(namedByCallbridge())));

        // The scan must find the SDK's parsing at all: the call Twilio returns and its error body.
        assertThat(bound).contains(Call.class, RestException.class);
        assertThat(registered()).containsExactlyInAnyOrderElementsOf(bound);
    }

    @Test
    void registersConstructorsMethodsAndFieldsAsJacksonNeedsThem() {
        RegisterForReflection registration = TwilioJsonTypes.class.getAnnotation(RegisterForReflection.class);

        assertThat(registration.methods()).as("@JsonCreator factories such as Call.Status.forValue").isTrue();
        assertThat(registration.fields()).isTrue();
    }

    @Test
    void theDerivationNoticesAnSdkCallWhoseTypeIsNotRegistered() {
        // Fetching the account (as a health probe built on the SDK would) makes Jackson bind Account.
        Class<?> account = load("com/twilio/rest/api/v2010/Account");

        assertThat(jacksonGraph(parsedBy(reach(Set.of("com/twilio/rest/api/v2010/AccountFetcher")))))
                .contains(account);
        assertThat(registered()).doesNotContain(account);
    }

    private static Set<Class<?>> registered() {
        return Set.of(TwilioJsonTypes.class.getAnnotation(RegisterForReflection.class).targets());
    }

    /** SDK classes Callbridge's own code names. */
    private static Set<String> namedByCallbridge() {
        return ByteCode.mainClasses(TwilioGateway.class).stream()
                .filter(c -> !c.name().equals(internal(TwilioJsonTypes.class)))
                .flatMap(c -> c.references().stream())
                .filter(n -> n.startsWith(TWILIO))
                .collect(Collectors.toSet());
    }

    /** The classes and the SDK classes their code names in turn (e.g. a fetcher's error body). */
    private static Set<String> reach(Set<String> classes) {
        Set<String> reached = new LinkedHashSet<>(classes);
        classes.stream().map(ByteCode::read).flatMap(Optional::stream)
                .flatMap(c -> c.references().stream())
                .filter(n -> n.startsWith(TWILIO))
                .forEach(reached::add);
        return reached;
    }

    /** The SDK classes handed to Jackson by a method of {@code classes} that reads JSON. */
    private static Set<String> parsedBy(Set<String> classes) {
        return classes.stream().map(ByteCode::read).flatMap(Optional::stream)
                .map(ClassUse::methods).flatMap(List::stream)
                .filter(m -> READS.stream().anyMatch(read -> m.invokes(OBJECT_MAPPER, read)))
                .flatMap(m -> m.classConstants().stream())
                .filter(n -> n.startsWith(TWILIO))
                .collect(Collectors.toSet());
    }

    /** The roots and every SDK type Jackson meets while binding them. */
    private static Set<Class<?>> jacksonGraph(Set<String> roots) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(roots.stream().map(TwilioJsonTypesTest::load).toList());
        while (!todo.isEmpty()) {
            Class<?> next = todo.pop();
            if (seen.add(next)) {
                neighbours(next).filter(TwilioJsonTypesTest::isTwilio).forEach(todo::add);
            }
        }
        return seen;
    }

    /** Super class, field and {@code @JsonCreator} parameter types, and the (de)serializers they name. */
    private static Stream<Class<?>> neighbours(Class<?> type) {
        Stream<Class<?>> superType = Stream.ofNullable(type.getSuperclass());
        Stream<Class<?>> fields = Arrays.stream(type.getDeclaredFields())
                .flatMap(f -> Stream.concat(classesIn(f.getGenericType()), helpers(f)));
        Stream<Class<?>> creators = Stream.concat(Arrays.stream(type.getDeclaredConstructors()),
                        Arrays.stream(type.getDeclaredMethods()))
                .filter(e -> e.isAnnotationPresent(JsonCreator.class))
                .flatMap(TwilioJsonTypesTest::parameters);
        return Stream.of(superType, fields, creators).flatMap(s -> s);
    }

    private static Stream<Class<?>> parameters(Executable executable) {
        return Arrays.stream(executable.getParameters())
                .flatMap(p -> Stream.concat(classesIn(p.getParameterizedType()), helpers(p)));
    }

    private static Stream<Class<?>> helpers(AnnotatedElement element) {
        JsonDeserialize in = element.getAnnotation(JsonDeserialize.class);
        JsonSerialize out = element.getAnnotation(JsonSerialize.class);
        Stream<Class<?>> reading = in == null ? Stream.empty()
                : Stream.of(in.using(), in.contentUsing(), in.keyUsing(), in.as(), in.contentAs(), in.builder());
        Stream<Class<?>> writing = out == null ? Stream.empty()
                : Stream.of(out.using(), out.contentUsing(), out.keyUsing(), out.nullsUsing());
        return Stream.concat(reading, writing);
    }

    private static Stream<Class<?>> classesIn(Type type) {
        if (type instanceof Class<?> c) {
            return Stream.of(c.isArray() ? c.getComponentType() : c);
        }
        if (type instanceof ParameterizedType p) {
            return Stream.concat(classesIn(p.getRawType()),
                    Arrays.stream(p.getActualTypeArguments()).flatMap(TwilioJsonTypesTest::classesIn));
        }
        return Stream.empty();
    }

    private static boolean isTwilio(Class<?> type) {
        return type.getName().startsWith("com.twilio.");
    }

    /** Loads without initialising: the SDK's static state is none of this test's business. */
    private static Class<?> load(String internalName) {
        try {
            return Class.forName(internalName.replace('/', '.'), false, TwilioJsonTypesTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Not on the class path: " + internalName, e);
        }
    }

    private static String internal(Class<?> type) {
        return type.getName().replace('.', '/');
    }
}
