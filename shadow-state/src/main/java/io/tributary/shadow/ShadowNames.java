package io.tributary.shadow;

/**
 * The name rules of the AWS IoT data-plane model: a thing name is 1–128 characters of
 * {@code [a-zA-Z0-9:_-]}, a shadow name 1–64 characters of {@code [$a-zA-Z0-9:_-]}.
 */
public final class ShadowNames {

    /** Longest thing name, in bytes (all allowed characters are ASCII). */
    public static final int MAX_THING_NAME = 128;
    /** Longest shadow name, in bytes. */
    public static final int MAX_SHADOW_NAME = 64;

    private ShadowNames() {
    }

    /** True if {@code name} is a valid thing name. */
    public static boolean isValidThingName(String name) {
        return isValid(name, MAX_THING_NAME, false);
    }

    /** True if {@code name} is a valid shadow name. */
    public static boolean isValidShadowName(String name) {
        return isValid(name, MAX_SHADOW_NAME, true);
    }

    /**
     * Checked character by character (the shadow job checks every request's names): every allowed
     * character is ASCII, one byte in UTF-8, so a valid name's length in chars is its length in bytes.
     */
    private static boolean isValid(String name, int maxBytes, boolean dollar) {
        if (name == null || name.isEmpty() || name.length() > maxBytes) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == ':' || c == '_' || c == '-' || dollar && c == '$';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
