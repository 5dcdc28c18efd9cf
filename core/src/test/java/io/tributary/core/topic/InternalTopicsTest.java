package io.tributary.core.topic;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InternalTopicsTest {
  @Test
  void internalTopicsAndFiltersAreRecognised() {
    assertTrue(InternalTopics.isInternal("$tributary"));
    assertTrue(InternalTopics.isInternal("$tributary/replies/node-1/abc"));
    assertTrue(InternalTopics.isInternal("$tributary/#"));
    assertTrue(InternalTopics.isInternal("$share/group/$tributary/replies/+/x"));
  }

  @Test
  void otherTopicsAreNot() {
    assertFalse(InternalTopics.isInternal("tributary/x"));
    assertFalse(InternalTopics.isInternal("$tributaryx/y"));
    assertFalse(InternalTopics.isInternal("$aws/things/t/shadow/update"));
    assertFalse(InternalTopics.isInternal("#"));
    assertFalse(InternalTopics.isInternal("+/replies/#"));
    assertFalse(InternalTopics.isInternal("$share/group/#"));
    assertFalse(InternalTopics.isInternal("$share/group"));
  }
}
