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

/** Every Kubernetes object in {@code k8s/}, parsed, with lookups by kind. */
final class Manifests {

    static final Path DIR = Path.of("k8s");

    private final List<JsonNode> objects;

    private Manifests(List<JsonNode> objects) {
        this.objects = objects;
    }

    /** Parses every {@code .yaml}/{@code .yml} file, each possibly holding several documents. */
    static Manifests load() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<JsonNode> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(Manifests::isYaml).sorted().toList()) {
                objects.addAll(yaml.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile()).readAll());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        objects.removeIf(node -> node == null || node.isNull() || node.isMissingNode());
        return new Manifests(List.copyOf(objects));
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
            throw new AssertionError("expected exactly one " + kind + " in " + DIR + ", found " + found.size());
        }
        return found.get(0);
    }

    JsonNode named(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in " + DIR));
    }
}
