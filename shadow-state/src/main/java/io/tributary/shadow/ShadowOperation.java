package io.tributary.shadow;

import java.util.Optional;

/** The three shadow operations, each named by the topic level a client publishes to. */
public enum ShadowOperation {
    GET("get"),
    UPDATE("update"),
    DELETE("delete");

    private final String topicLevel;

    ShadowOperation(String topicLevel) {
        this.topicLevel = topicLevel;
    }

    /** The topic level: {@code get}, {@code update} or {@code delete}. */
    public String topicLevel() {
        return topicLevel;
    }

    /** The operation whose topic level is {@code level}, if any. */
    public static Optional<ShadowOperation> fromTopicLevel(String level) {
        for (ShadowOperation operation : values()) {
            if (operation.topicLevel.equals(level)) {
                return Optional.of(operation);
            }
        }
        return Optional.empty();
    }
}
