package io.tributary.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays every case under {@code src/test/resources/shadow-cases} (conformance as data): each step
 * is run through {@link ShadowRateLimiter} and {@link ShadowService} against the shadows the case
 * holds, and the published messages, REST answer, store change and stored state must match the
 * case byte for byte (so field order counts).
 */
class ShadowConformanceTest {

    private static final Path CASES = Path.of("src/test/resources/shadow-cases");

    static Stream<ConformanceCase> cases() {
        return ConformanceCase.files(CASES).stream().flatMap(file -> ConformanceCase.load(file).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void replays(ConformanceCase testCase) {
        ShadowLimits limits = testCase.limits();
        ShadowService service = new ShadowService(limits);
        ShadowRateLimiter limiter = new ShadowRateLimiter(limits);
        Map<ShadowId, StoredShadow> store = new HashMap<>();
        for (JsonNode initial : testCase.json().path("initial")) {
            store.put(ConformanceCase.shadowId(initial), stored(initial.get("stored")));
        }
        int stepNumber = 0;
        for (JsonNode step : testCase.json().get("steps")) {
            stepNumber++;
            String where = testCase.name() + " step " + stepNumber;
            long now = step.get("now").asLong();
            JsonNode expect = step.get("expect");
            ShadowResult result = step.has("mqtt")
                    ? mqtt(service, limiter, store, step.get("mqtt"), now)
                    : rest(service, limiter, store, step.get("rest"), expect, now, where);
            assertMessages(where, result.messages(), expect.path("messages"));
            assertThat(result.change()).as(where + " change").hasToString(expect.get("change").asText());
            ShadowId shadow = requestShadow(step);
            apply(store, shadow, result);
            if (expect.has("state")) {
                assertThat(Optional.ofNullable(store.get(shadow)).map(StoredShadow::toString).orElse("null"))
                        .as(where + " stored state").isEqualTo(ConformanceCase.compact(expect.get("state")));
            }
        }
    }

    private static ShadowResult mqtt(ShadowService service, ShadowRateLimiter limiter, Map<ShadowId, StoredShadow> store,
                                     JsonNode mqtt, long now) {
        ShadowRequest request = ShadowRequest.fromTopic(mqtt.get("topic").asText(), ConformanceCase.payload(mqtt, "payload"))
                .orElseThrow(() -> new AssertionError("not a shadow request topic: " + mqtt.get("topic")));
        if (!limiter.tryAcquire(request.shadow().thingName(), now)) {
            return service.throttled(request, now);
        }
        return service.handle(request, Optional.ofNullable(store.get(request.shadow())),
                namedShadows(store, request.shadow().thingName()), now);
    }

    private static ShadowResult rest(ShadowService service, ShadowRateLimiter limiter, Map<ShadowId, StoredShadow> store,
                                     JsonNode rest, JsonNode expect, long now, String where) {
        ShadowId shadow = ConformanceCase.shadowId(rest);
        Optional<StoredShadow> current = Optional.ofNullable(store.get(shadow));
        RestResponse response;
        if (!limiter.tryAcquire(shadow.thingName(), now)) {
            response = service.restThrottled();
        } else {
            response = switch (rest.get("method").asText()) {
                case "GET" -> service.restGet(shadow, current, now);
                case "POST" -> service.restUpdate(shadow, ConformanceCase.payload(rest, "body"), current,
                        namedShadows(store, shadow.thingName()), now);
                case "DELETE" -> service.restDelete(shadow, current, now);
                default -> throw new AssertionError("unknown method " + rest.get("method"));
            };
        }
        assertThat(response.status()).as(where + " status").isEqualTo(expect.get("status").asInt());
        assertThat(response.errorType().orElse(null)).as(where + " x-amzn-ErrorType")
                .isEqualTo(expect.path("errorType").isNull() || expect.path("errorType").isMissingNode()
                        ? null : expect.get("errorType").asText());
        assertThat(response.bodyText()).as(where + " body").isEqualTo(ConformanceCase.compact(expect.get("body")));
        return response.effects();
    }

    private static void assertMessages(String where, List<ShadowMessage> actual, JsonNode expected) {
        List<String> actualText = actual.stream().map(message -> message.topic() + " " + message.payloadText()).toList();
        List<String> expectedText = new java.util.ArrayList<>();
        for (JsonNode message : expected) {
            expectedText.add(message.get("topic").asText() + " " + ConformanceCase.compact(message.get("payload")));
        }
        assertThat(actualText).as(where + " messages").containsExactlyElementsOf(expectedText);
    }

    private static ShadowId requestShadow(JsonNode step) {
        if (step.has("rest")) {
            return ConformanceCase.shadowId(step.get("rest"));
        }
        return ShadowTopics.parseRequest(step.get("mqtt").get("topic").asText()).orElseThrow().shadow();
    }

    private static void apply(Map<ShadowId, StoredShadow> store, ShadowId shadow, ShadowResult result) {
        switch (result.change()) {
            case PUT -> store.put(shadow, result.state().orElseThrow());
            case REMOVE -> store.remove(shadow);
            case UNCHANGED -> { }
        }
    }

    private static int namedShadows(Map<ShadowId, StoredShadow> store, String thing) {
        return (int) store.entrySet().stream()
                .filter(entry -> !entry.getKey().isClassic() && entry.getKey().thingName().equals(thing))
                .filter(entry -> !entry.getValue().isDeleted())
                .count();
    }

    private static StoredShadow stored(JsonNode node) {
        return StoredShadow.fromBytes(ConformanceCase.compact(node).getBytes(StandardCharsets.UTF_8));
    }
}
