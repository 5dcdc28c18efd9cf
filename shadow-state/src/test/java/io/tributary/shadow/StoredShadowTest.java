package io.tributary.shadow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredShadowTest {

    private static final ObjectMapper MAPPER = ConformanceCase.MAPPER;

    @Test
    void roundTripsALiveShadow() throws Exception {
        ObjectNode state = (ObjectNode) MAPPER.readTree("{\"desired\":{\"a\":[1,{\"b\":2.50}]}}");
        ObjectNode metadata = (ObjectNode) MAPPER.readTree(
                "{\"desired\":{\"a\":[{\"timestamp\":1},{\"b\":{\"timestamp\":1}}]}}");
        StoredShadow shadow = StoredShadow.of(state, metadata, 7);
        String json = new String(shadow.toBytes(), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"state\":{\"desired\":{\"a\":[1,{\"b\":2.50}]}},"
                + "\"metadata\":{\"desired\":{\"a\":[{\"timestamp\":1},{\"b\":{\"timestamp\":1}}]}},\"version\":7}");
        assertThat(StoredShadow.fromBytes(shadow.toBytes())).isEqualTo(shadow);
        assertThat(shadow.isDeleted()).isFalse();
    }

    @Test
    void roundTripsADeletedMarker() {
        StoredShadow marker = StoredShadow.deleted(17, 1_736_888_506_000L);
        assertThat(new String(marker.toBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"version\":17,\"deletedAt\":1736888506000}");
        assertThat(StoredShadow.fromBytes(marker.toBytes())).isEqualTo(marker);
        assertThat(marker.isDeleted()).isTrue();
    }

    @Test
    void isImmutable() throws Exception {
        ObjectNode state = (ObjectNode) MAPPER.readTree("{\"reported\":{\"on\":true}}");
        StoredShadow shadow = StoredShadow.of(state, MAPPER.createObjectNode(), 1);
        state.put("desired", 1);
        shadow.state().put("desired", 2);
        assertThat(shadow.state()).hasToString("{\"reported\":{\"on\":true}}");
    }

    @Test
    void rejectsWhatItDidNotWrite() {
        assertThatThrownBy(() -> StoredShadow.fromBytes("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
