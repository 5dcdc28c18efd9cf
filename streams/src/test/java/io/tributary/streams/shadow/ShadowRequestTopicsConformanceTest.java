package io.tributary.streams.shadow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.core.topic.ShadowRequestTopics;
import io.tributary.shadow.ShadowTopic;
import io.tributary.shadow.ShadowTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The gateway's cheap check ({@code core}'s {@link ShadowRequestTopics}) must pick exactly the
 * topics the shadow service treats as requests ({@code shadow-state}'s {@link ShadowTopics}), with
 * the same thing name: a request it missed would never be answered, and anything else it copied
 * would only be dropped by the job.
 */
class ShadowRequestTopicsConformanceTest {
  private static final List<String> LEVELS = List.of("", "lamp", "a:b-c_d", "shadow", "name", "n", "get", "update",
      "delete", "accepted", "rejected", "delta", "documents", "+", "#", "updatex", "Update", "$aws", "things");

  @Test
  void agreesWithTheShadowServiceOnEveryTopicShape() {
    List<String> topics = new ArrayList<>();
    for (String thing : List.of("lamp", "", "x/y", "+")) {
      String root = "$aws/things/" + thing;
      topics.add(root);
      topics.add(root + "/shadow");
      topics.add(root + "/shadow/");
      for (String a : LEVELS) {
        topics.add(root + "/shadow/" + a);
        for (String b : LEVELS) {
          topics.add(root + "/shadow/" + a + "/" + b);
          for (String c : LEVELS) {
            topics.add(root + "/shadow/" + a + "/" + b + "/" + c);
            topics.add(root + "/shadow/name/" + a + "/" + b + "/" + c);
          }
        }
      }
    }
    topics.addAll(List.of("$aws/things", "$aws/things/", "$aws/thing/lamp/shadow/get", "aws/things/lamp/shadow/get",
        "$aws/things/lamp/shadowget", "$aws/things/lamp/Shadow/get", "lamp/shadow/update", "$AWS/things/l/shadow/get"));
    int requests = 0;
    for (String topic : topics) {
      Optional<ShadowTopic> parsed = ShadowTopics.parseRequest(topic);
      assertEquals(parsed.map(p -> p.shadow().thingName()).orElse(null), ShadowRequestTopics.thingOf(topic), topic);
      requests += parsed.isPresent() ? 1 : 0;
    }
    assertEquals(true, requests > 100, "the cases include many requests: " + requests);
  }
}
