package io.tributary.shadow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeltaTest {

    private static JsonNode json(String text) {
        return Json.parse(text).orElseThrow();
    }

    @Test
    void arraysCompareWhole() {
        Delta delta = Delta.of(json("{\"desired\":{\"a\":[1,2]},\"reported\":{\"a\":[1,2,3]}}"),
                json("{\"desired\":{\"a\":[{\"timestamp\":1},{\"timestamp\":1}]}}"));
        assertThat(delta.state()).hasToString("{\"a\":[1,2]}");
        assertThat(delta.metadata()).hasToString("{\"a\":[{\"timestamp\":1},{\"timestamp\":1}]}");
    }

    @Test
    void numbersCompareByValueAndObjectsIgnoreKeyOrder() {
        Delta delta = Delta.of(json("{\"desired\":{\"n\":1.0,\"o\":[{\"x\":1,\"y\":2e0}]},"
                + "\"reported\":{\"n\":1,\"o\":[{\"y\":2,\"x\":1.00}]}}"), json("{}"));
        assertThat(delta.isEmpty()).isTrue();
    }

    @Test
    void typeDifferenceIsADelta() {
        Delta delta = Delta.of(json("{\"desired\":{\"a\":{\"b\":1}},\"reported\":{\"a\":\"b\"}}"),
                json("{\"desired\":{\"a\":{\"b\":{\"timestamp\":4}}}}"));
        assertThat(delta.state()).hasToString("{\"a\":{\"b\":1}}");
        assertThat(delta.metadata()).hasToString("{\"a\":{\"b\":{\"timestamp\":4}}}");
    }

    @Test
    void noDesiredNoDelta() {
        assertThat(Delta.of(json("{\"reported\":{\"a\":1}}"), json("{}")).isEmpty()).isTrue();
    }
}
