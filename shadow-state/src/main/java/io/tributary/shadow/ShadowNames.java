package io.tributary.shadow;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The name rules of the AWS IoT data-plane model: a thing name is 1–128 characters of
 * {@code [a-zA-Z0-9:_-]}, a shadow name 1–64 characters of {@code [$a-zA-Z0-9:_-]}.
 */
public final class ShadowNames {

    /** Longest thing name, in bytes (all allowed characters are ASCII). */
    public static final int MAX_THING_NAME = 128;
    /** Longest shadow name, in bytes. */
    public static final int MAX_SHADOW_NAME = 64;

    private static final Pattern THING = Pattern.compile("[a-zA-Z0-9:_-]+");
    private static final Pattern SHADOW = Pattern.compile("[$a-zA-Z0-9:_-]+");

    private ShadowNames() {
    }

    /** True if {@code name} is a valid thing name. */
    public static boolean isValidThingName(String name) {
        return name != null && fits(name, MAX_THING_NAME) && THING.matcher(name).matches();
    }

    /** True if {@code name} is a valid shadow name. */
    public static boolean isValidShadowName(String name) {
        return name != null && fits(name, MAX_SHADOW_NAME) && SHADOW.matcher(name).matches();
    }

    private static boolean fits(String name, int maxBytes) {
        int length = name.getBytes(StandardCharsets.UTF_8).length;
        return length >= 1 && length <= maxBytes;
    }
}
