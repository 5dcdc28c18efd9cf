package io.tributary.shadow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ShadowTopicsTest {

    @Test
    void parsesClassicRequest() {
        assertThat(ShadowTopics.parseRequest("$aws/things/lamp/shadow/update"))
                .contains(new ShadowTopic(ShadowId.classic("lamp"), ShadowOperation.UPDATE, ShadowTopic.Kind.REQUEST));
    }

    @Test
    void parsesNamedRequest() {
        assertThat(ShadowTopics.parseRequest("$aws/things/lamp/shadow/name/color/delete"))
                .contains(new ShadowTopic(ShadowId.named("lamp", "color"), ShadowOperation.DELETE,
                        ShadowTopic.Kind.REQUEST));
    }

    @Test
    void shadowMayBeNamedLikeAnOperation() {
        assertThat(ShadowTopics.parseRequest("$aws/things/lamp/shadow/name/get/get"))
                .map(ShadowTopic::shadow).contains(ShadowId.named("lamp", "get"));
    }

    @Test
    void parsesResponseTopics() {
        assertThat(ShadowTopics.parse("$aws/things/lamp/shadow/name/c/update/documents"))
                .map(ShadowTopic::kind).contains(ShadowTopic.Kind.DOCUMENTS);
        assertThat(ShadowTopics.parse("$aws/things/lamp/shadow/get/rejected"))
                .map(ShadowTopic::kind).contains(ShadowTopic.Kind.REJECTED);
        assertThat(ShadowTopics.isResponseTopic("$aws/things/lamp/shadow/update/delta")).isTrue();
        assertThat(ShadowTopics.isResponseTopic("$aws/things/lamp/shadow/update")).isFalse();
        assertThat(ShadowTopics.parseRequest("$aws/things/lamp/shadow/update/accepted")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "$aws/things/lamp/shadow", "$aws/things/lamp/shadow/patch", "$aws/things/lamp/shadow/get/delta",
        "$aws/things/lamp/shadow/delete/documents", "$aws/things/lamp/shadow/update/accepted/x",
        "$aws/things/lamp/shadow/name/c", "$aws/things/lamp/shadow/name/get", "$aws/things/lamp/jobs/get",
        "things/lamp/shadow/get", "$aws/things/lamp", ""})
    void rejectsOtherTopics(String topic) {
        assertThat(ShadowTopics.parse(topic)).isEmpty();
    }

    @Test
    void buildsEveryResponseTopic() {
        ShadowId named = ShadowId.named("lamp", "color");
        assertThat(ShadowTopics.topic(named, ShadowOperation.UPDATE, ShadowTopic.Kind.DELTA))
                .isEqualTo("$aws/things/lamp/shadow/name/color/update/delta");
        assertThat(ShadowTopics.topic(ShadowId.classic("lamp"), ShadowOperation.GET, ShadowTopic.Kind.ACCEPTED))
                .isEqualTo("$aws/things/lamp/shadow/get/accepted");
        for (ShadowOperation operation : ShadowOperation.values()) {
            for (ShadowTopic.Kind kind : new ShadowTopic.Kind[] {ShadowTopic.Kind.REQUEST,
                    ShadowTopic.Kind.ACCEPTED, ShadowTopic.Kind.REJECTED}) {
                String topic = ShadowTopics.topic(named, operation, kind);
                assertThat(ShadowTopics.parse(topic)).contains(new ShadowTopic(named, operation, kind));
            }
        }
    }

    @Test
    void validatesNames() {
        assertThat(ShadowNames.isValidThingName("a:b_c-D9")).isTrue();
        assertThat(ShadowNames.isValidThingName("t".repeat(128))).isTrue();
        assertThat(ShadowNames.isValidThingName("t".repeat(129))).isFalse();
        assertThat(ShadowNames.isValidThingName("")).isFalse();
        assertThat(ShadowNames.isValidThingName("$lamp")).isFalse();
        assertThat(ShadowNames.isValidShadowName("$package")).isTrue();
        assertThat(ShadowNames.isValidShadowName("s".repeat(65))).isFalse();
        assertThat(ShadowNames.isValidShadowName("a/b")).isFalse();
    }
}
