package io.tributary.shadow;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One conformance case read from {@code src/test/resources/shadow-cases}: limits, initial stored
 * shadows, and steps (an MQTT publish or a REST call, the time, and what must come out).
 *
 * @param name  file name, plus {@code #case} for files holding several cases
 * @param json  the case
 */
record ConformanceCase(String name, JsonNode json) {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    static List<ConformanceCase> load(Path file) {
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            String fileName = file.getFileName().toString();
            List<ConformanceCase> cases = new ArrayList<>();
            if (root.has("cases")) {
                for (JsonNode each : root.get("cases")) {
                    cases.add(new ConformanceCase(fileName + "#" + each.path("name").asText(), each));
                }
            } else {
                cases.add(new ConformanceCase(fileName, root));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    static List<Path> files(Path directory) {
        try (var paths = Files.list(directory)) {
            return paths.filter(path -> path.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ShadowLimits limits() {
        ShadowLimits limits = ShadowLimits.aws();
        JsonNode overrides = json.path("limits");
        if (overrides.has("maxStateBytes")) {
            limits = limits.withMaxStateBytes(overrides.get("maxStateBytes").asInt());
        }
        if (overrides.has("maxDepth")) {
            limits = limits.withMaxDepth(overrides.get("maxDepth").asInt());
        }
        if (overrides.has("maxNamedShadowsPerThing")) {
            limits = limits.withMaxNamedShadowsPerThing(overrides.get("maxNamedShadowsPerThing").asInt());
        }
        if (overrides.has("maxRequestsPerSecondPerThing")) {
            limits = limits.withMaxRequestsPerSecondPerThing(overrides.get("maxRequestsPerSecondPerThing").asInt());
        }
        if (overrides.has("deletedVersionRetentionMillis")) {
            limits = limits.withDeletedVersionRetention(
                    Duration.ofMillis(overrides.get("deletedVersionRetentionMillis").asLong()));
        }
        return limits;
    }

    /** The shadow a {@code {"thing":…,"shadow":…}} node names. */
    static ShadowId shadowId(JsonNode node) {
        String thing = node.get("thing").asText();
        return node.hasNonNull("shadow") ? ShadowId.named(thing, node.get("shadow").asText()) : ShadowId.classic(thing);
    }

    /** The request bytes: {@code payload} (any JSON, written compactly), {@code payloadText} or {@code payloadBase64}. */
    static byte[] payload(JsonNode request, String field) {
        if (request.has(field + "Text")) {
            return request.get(field + "Text").asText().getBytes(StandardCharsets.UTF_8);
        }
        if (request.has(field + "Base64")) {
            return Base64.getDecoder().decode(request.get(field + "Base64").asText());
        }
        if (request.has(field)) {
            return compact(request.get(field)).getBytes(StandardCharsets.UTF_8);
        }
        return new byte[0];
    }

    static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
