package dev.callbridge.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every Kubernetes object in one directory, parsed, with lookups by kind: {@code k8s/}, what
 * {@code kubectl apply -f k8s/} applies (it does not descend into subdirectories), or
 * {@code k8s/examples/}, which is only copied from.
 */
final class Manifests {

    static final Path DIR = Path.of("k8s");
    static final Path EXAMPLES = DIR.resolve("examples");

    private final Path dir;
    private final List<JsonNode> objects;

    private Manifests(Path dir, List<JsonNode> objects) {
        this.dir = dir;
        this.objects = objects;
    }

    /** The manifests {@code kubectl apply -f k8s/} applies. */
    static Manifests load() {
        return load(DIR);
    }

    /** Parses every {@code .yaml}/{@code .yml} file directly in {@code dir}, each possibly holding several documents. */
    static Manifests load(Path dir) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<JsonNode> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Manifests::isYaml).sorted().toList()) {
                objects.addAll(yaml.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile()).readAll());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        objects.removeIf(node -> node == null || node.isNull() || node.isMissingNode());
        return new Manifests(dir, List.copyOf(objects));
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    List<JsonNode> all() {
        return objects;
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    /** The only object of this kind; fails when there is none or several. */
    JsonNode single(String kind) {
        List<JsonNode> found = ofKind(kind);
        if (found.size() != 1) {
            throw new AssertionError("expected exactly one " + kind + " in " + dir + ", found " + found.size());
        }
        return found.get(0);
    }

    JsonNode named(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in " + dir));
    }
}
