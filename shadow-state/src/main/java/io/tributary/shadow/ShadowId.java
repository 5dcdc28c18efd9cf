package io.tributary.shadow;

import java.util.Objects;
import java.util.Optional;

/**
 * Identifies one shadow: the classic (unnamed) shadow of a thing, or one of its named shadows.
 *
 * <p>Names are not validated here, so that a request naming an invalid thing can still be answered
 * on its own {@code /rejected} topic; see {@link ShadowNames} for the rules.
 *
 * @param thingName  the thing the shadow belongs to
 * @param shadowName the named shadow, or {@code null} for the classic shadow
 */
public record ShadowId(String thingName, String shadowName) {

    /** Topic root shared by every shadow topic. */
    static final String TOPIC_ROOT = "$aws/things/";

    public ShadowId {
        Objects.requireNonNull(thingName, "thingName");
    }

    /** The classic (unnamed) shadow of {@code thingName}. */
    public static ShadowId classic(String thingName) {
        return new ShadowId(thingName, null);
    }

    /** The shadow {@code shadowName} of {@code thingName}. */
    public static ShadowId named(String thingName, String shadowName) {
        return new ShadowId(thingName, Objects.requireNonNull(shadowName, "shadowName"));
    }

    /** True for the classic (unnamed) shadow. */
    public boolean isClassic() {
        return shadowName == null;
    }

    /** The shadow name, empty for the classic shadow. */
    public Optional<String> name() {
        return Optional.ofNullable(shadowName);
    }

    /**
     * The name AWS quotes in "No shadow exists with name: '…'": the thing name for the classic shadow,
     * the shadow name for a named one.
     */
    public String displayName() {
        return isClassic() ? thingName : shadowName;
    }

    /** {@code $aws/things/{thing}/shadow} or {@code $aws/things/{thing}/shadow/name/{shadow}}. */
    public String topicPrefix() {
        String classic = TOPIC_ROOT + thingName + "/shadow";
        return isClassic() ? classic : classic + "/name/" + shadowName;
    }

    @Override
    public String toString() {
        return isClassic() ? thingName : thingName + "/" + shadowName;
    }
}
