package io.tributary.shadow;

import java.util.Optional;

/**
 * Parses and builds the reserved shadow topics:
 * {@code $aws/things/{thing}/shadow[/name/{shadow}]/{get|update|delete}[/accepted|/rejected]},
 * {@code …/update/delta} and {@code …/update/documents}.
 *
 * <p>Parsing checks the structure only; names are checked by {@link ShadowNames} (the service
 * answers an invalid name with a 400 on the request's {@code /rejected} topic).
 */
public final class ShadowTopics {

    private static final String ROOT = ShadowId.TOPIC_ROOT;

    private ShadowTopics() {
    }

    /** Parses any shadow topic (request or response); empty if {@code topic} is not one. */
    public static Optional<ShadowTopic> parse(String topic) {
        if (topic == null || !topic.startsWith(ROOT)) {
            return Optional.empty();
        }
        String[] levels = topic.substring(ROOT.length()).split("/", -1);
        if (levels.length < 3 || !"shadow".equals(levels[1])) {
            return Optional.empty();
        }
        String thing = levels[0];
        boolean named = levels.length >= 5 && "name".equals(levels[2])
                && ShadowOperation.fromTopicLevel(levels[4]).isPresent();
        ShadowId shadow = named ? ShadowId.named(thing, levels[3]) : ShadowId.classic(thing);
        int operationIndex = named ? 4 : 2;
        return parseTail(shadow, levels, operationIndex);
    }

    /** Parses a request topic ({@code …/get}, {@code …/update}, {@code …/delete}); empty otherwise. */
    public static Optional<ShadowTopic> parseRequest(String topic) {
        return parse(topic).filter(ShadowTopic::isRequest);
    }

    /** True if {@code topic} is a topic only the shadow service should publish to. */
    public static boolean isResponseTopic(String topic) {
        return parse(topic).filter(parsed -> !parsed.isRequest()).isPresent();
    }

    /** The topic of {@code kind} for {@code operation} on {@code shadow}. */
    public static String topic(ShadowId shadow, ShadowOperation operation, ShadowTopic.Kind kind) {
        return new ShadowTopic(shadow, operation, kind).topic();
    }

    private static Optional<ShadowTopic> parseTail(ShadowId shadow, String[] levels, int operationIndex) {
        Optional<ShadowOperation> operation = ShadowOperation.fromTopicLevel(levels[operationIndex]);
        if (operation.isEmpty()) {
            return Optional.empty();
        }
        int remaining = levels.length - operationIndex - 1;
        if (remaining == 0) {
            return Optional.of(new ShadowTopic(shadow, operation.get(), ShadowTopic.Kind.REQUEST));
        }
        if (remaining > 1) {
            return Optional.empty();
        }
        return ShadowTopic.Kind.fromLevel(levels[operationIndex + 1])
                .filter(kind -> operation.get() == ShadowOperation.UPDATE
                        || kind == ShadowTopic.Kind.ACCEPTED || kind == ShadowTopic.Kind.REJECTED)
                .map(kind -> new ShadowTopic(shadow, operation.get(), kind));
    }
}
