package io.tributary.shadow.internal;

import io.tributary.shadow.ShadowId;
import io.tributary.shadow.ShadowLimits;
import io.tributary.shadow.ShadowResult;
import io.tributary.shadow.ShadowTopic;
import io.tributary.shadow.StoredShadow;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class UpdateOperationTest {

    private static final ShadowId LAMP = ShadowId.classic("lamp");
    private final UpdateOperation update = new UpdateOperation(ShadowLimits.aws());

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void createsVersionOneWithAcceptedAndDocumentsOnly() {
        Outcome outcome = update.apply(LAMP, bytes("{\"state\":{\"reported\":{\"on\":true}}}"), Optional.empty(), 0, 5_000);
        Outcome.Accepted accepted = (Outcome.Accepted) outcome;
        assertThat(accepted.change()).isEqualTo(ShadowResult.Change.PUT);
        assertThat(accepted.state().orElseThrow().version()).isEqualTo(1);
        assertThat(accepted.messages()).extracting(Publication::kind)
                .containsExactly(ShadowTopic.Kind.ACCEPTED, ShadowTopic.Kind.DOCUMENTS);
    }

    @Test
    void acceptsStateOfExactlyDefaultLimitAndRejectsOneByteMore() {
        String prefix = "{\"state\":{\"reported\":{\"t\":\"";
        int overhead = "{\"t\":\"\"}".length();
        String fits = "x".repeat(ShadowLimits.AWS_MAX_STATE_BYTES - overhead);
        assertThat(update.apply(LAMP, bytes(prefix + fits + "\"}}}"), Optional.empty(), 0, 0))
                .isInstanceOf(Outcome.Accepted.class);
        Outcome tooLarge = update.apply(LAMP, bytes(prefix + fits + "y\"}}}"), Optional.empty(), 0, 0);
        assertThat(((Outcome.Rejected) tooLarge).error()).isEqualTo(ShadowError.TOO_LARGE);
    }

    @Test
    void sizeCountsUtf8Bytes() {
        String prefix = "{\"state\":{\"reported\":{\"t\":\"";
        String twoByteChars = "é".repeat(ShadowLimits.AWS_MAX_STATE_BYTES / 2);
        Outcome outcome = update.apply(LAMP, bytes(prefix + twoByteChars + "\"}}}"), Optional.empty(), 0, 0);
        assertThat(((Outcome.Rejected) outcome).error()).isEqualTo(ShadowError.TOO_LARGE);
    }

    @Test
    void checksNamesAfterReadingTheToken() {
        Outcome outcome = update.apply(ShadowId.named("lamp", "a/b"), bytes("{\"state\":{},\"clientToken\":\"t\"}"),
                Optional.empty(), 0, 0);
        assertThat(outcome).isEqualTo(new Outcome.Rejected(ShadowError.INVALID_SHADOW_NAME, Optional.of("t")));
    }

    @Test
    void leavesTheCurrentStateUntouched() {
        StoredShadow current = ((Outcome.Accepted) update.apply(LAMP,
                bytes("{\"state\":{\"reported\":{\"on\":true}}}"), Optional.empty(), 0, 1_000)).state().orElseThrow();
        String before = current.toString();
        update.apply(LAMP, bytes("{\"state\":{\"reported\":{\"on\":null}}}"), Optional.of(current), 0, 2_000);
        assertThat(current).hasToString(before);
    }

    @Test
    void namedShadowLimitOnlyAppliesToCreation() {
        UpdateOperation limited = new UpdateOperation(ShadowLimits.aws().withMaxNamedShadowsPerThing(2));
        ShadowId color = ShadowId.named("lamp", "color");
        byte[] payload = bytes("{\"state\":{\"desired\":{\"hue\":1}}}");
        assertThat(limited.apply(color, payload, Optional.empty(), 2, 0)).isInstanceOf(Outcome.Rejected.class);
        assertThat(limited.apply(color, payload, Optional.empty(), 1, 0)).isInstanceOf(Outcome.Accepted.class);
        StoredShadow existing = StoredShadow.of(Json.object(), Json.object(), 3);
        assertThat(limited.apply(color, payload, Optional.of(existing), 2, 0)).isInstanceOf(Outcome.Accepted.class);
        assertThat(limited.apply(LAMP, payload, Optional.empty(), 2, 0)).isInstanceOf(Outcome.Accepted.class);
    }

    /**
     * The update writes its pieces (sections, metadata, accepted document, token) with one generator
     * into one buffer and splices them: each must read exactly as written on its own from the trees.
     */
    @Test
    void splicedDocumentsReadAsTheTreesWrittenWhole() {
        Optional<StoredShadow> current = Optional.empty();
        String[] states = {
            "{\"reported\":{\"on\":true,\"t\":21.50}}",
            "{\"desired\":{\"color\":\"r\\u00e9d \\\"x\\\"\\n\",\"n\":[1,{\"a\":null}]},\"reported\":{\"on\":false}}",
            "{\"desired\":{\"color\":null},\"reported\":{\"日本\":{\"x\":1e3}}}",
            "{\"desired\":null}",
        };
        long now = 1_000;
        for (String state : states) {
            for (String token : new String[] {null, "tok-\\\"ü\\u0001"}) {
                String body = "{\"state\":" + state + (token == null ? "" : ",\"clientToken\":\"" + token + "\"") + "}";
                Outcome.Accepted accepted = (Outcome.Accepted) update.apply(LAMP, bytes(body), current, 0, now);
                StoredShadow next = accepted.state().orElseThrow();
                long seconds = now / 1000;
                assertThat(new String(next.toBytes(), StandardCharsets.UTF_8))
                        .isEqualTo(StoredShadow.fromBytes(next.toBytes()).toString())
                        .isEqualTo(new String(Json.bytes(storedTree(next)), StandardCharsets.UTF_8));
                Optional<String> clientToken = Optional.ofNullable(token)
                        .map(t -> Json.parse(bytes("\"" + t + "\"")).orElseThrow().textValue());
                com.fasterxml.jackson.databind.node.ObjectNode expectAccepted = Json.object();
                com.fasterxml.jackson.databind.JsonNode requestState = Json.parse(bytes(state)).orElseThrow();
                expectAccepted.set("state", requestState);
                expectAccepted.set("metadata", Metadata.of(requestState, seconds));
                expectAccepted.put("version", next.version());
                expectAccepted.put("timestamp", seconds);
                clientToken.ifPresent(t -> expectAccepted.put("clientToken", t));
                assertThat(accepted.messages().get(0).kind()).isEqualTo(ShadowTopic.Kind.ACCEPTED);
                assertThat(new String(accepted.messages().get(0).payload(), StandardCharsets.UTF_8))
                        .isEqualTo(new String(Json.bytes(expectAccepted), StandardCharsets.UTF_8));
                com.fasterxml.jackson.databind.node.ObjectNode expectDocuments = Json.object();
                expectDocuments.set("previous", current.map(UpdateOperationTest::storedTree).orElse(null));
                expectDocuments.set("current", storedTree(next));
                expectDocuments.put("timestamp", seconds);
                clientToken.ifPresent(t -> expectDocuments.put("clientToken", t));
                Publication documents = accepted.messages().get(accepted.messages().size() - 1);
                assertThat(documents.kind()).isEqualTo(ShadowTopic.Kind.DOCUMENTS);
                assertThat(new String(documents.payload(), StandardCharsets.UTF_8))
                        .isEqualTo(new String(Json.bytes(expectDocuments), StandardCharsets.UTF_8));
                current = Optional.of(next);
                now += 1_000;
            }
        }
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode storedTree(StoredShadow shadow) {
        com.fasterxml.jackson.databind.node.ObjectNode node = Json.object();
        node.set("state", shadow.state());
        node.set("metadata", shadow.metadata());
        node.put("version", shadow.version());
        return node;
    }
}
