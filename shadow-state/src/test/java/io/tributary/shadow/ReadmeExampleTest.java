package io.tributary.shadow;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The example of {@code shadow-state/README.md}, compiled and run so it cannot rot. */
class ReadmeExampleTest {

    @Test
    void example() {
        ShadowService service = new ShadowService(ShadowLimits.aws());
        Map<ShadowId, StoredShadow> store = new HashMap<>();

        ShadowRequest request = ShadowRequest.fromTopic("$aws/things/lamp/shadow/update",
                "{\"state\":{\"desired\":{\"on\":true}},\"clientToken\":\"t-1\"}".getBytes(StandardCharsets.UTF_8))
                .orElseThrow();
        ShadowResult result = service.handle(request, Optional.ofNullable(store.get(request.shadow())),
                1_700_000_000_000L);
        result.state().ifPresent(state -> store.put(request.shadow(), state));

        assertThat(result.messages()).extracting(ShadowMessage::topic).containsExactly(
                "$aws/things/lamp/shadow/update/accepted",
                "$aws/things/lamp/shadow/update/delta",
                "$aws/things/lamp/shadow/update/documents");
        assertThat(result.messages().get(1).payloadText()).isEqualTo(
                "{\"version\":1,\"timestamp\":1700000000,\"state\":{\"on\":true},"
                        + "\"metadata\":{\"on\":{\"timestamp\":1700000000}},\"clientToken\":\"t-1\"}");

        RestResponse get = service.restGet(ShadowId.classic("lamp"), Optional.of(store.get(request.shadow())),
                1_700_000_001_000L);
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.bodyText()).startsWith("{\"state\":{\"desired\":{\"on\":true},\"delta\":{\"on\":true}}");
    }
}
