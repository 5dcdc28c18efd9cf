package io.tributary.shadow;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The name checks against the rules as written: the character classes and the byte lengths. */
class ShadowNamesTest {

    private static final Pattern THING = Pattern.compile("[a-zA-Z0-9:_-]{1,128}");
    private static final Pattern SHADOW = Pattern.compile("[$a-zA-Z0-9:_-]{1,64}");

    @Test
    void acceptsTheDocumentedCharactersAndLengths() {
        assertThat(ShadowNames.isValidThingName("lamp-1:kitchen_A")).isTrue();
        assertThat(ShadowNames.isValidThingName("x".repeat(128))).isTrue();
        assertThat(ShadowNames.isValidShadowName("$color-1:a_Z")).isTrue();
        assertThat(ShadowNames.isValidShadowName("x".repeat(64))).isTrue();
    }

    @Test
    void refusesEverythingElse() {
        for (String bad : List.of("", "a b", "a/b", "a.b", "a+b", "a#b", "é", "lamp\u0000", "日本")) {
            assertThat(ShadowNames.isValidThingName(bad)).as(bad).isFalse();
            assertThat(ShadowNames.isValidShadowName(bad)).as(bad).isFalse();
        }
        assertThat(ShadowNames.isValidThingName(null)).isFalse();
        assertThat(ShadowNames.isValidShadowName(null)).isFalse();
        assertThat(ShadowNames.isValidThingName("$lamp")).isFalse();
        assertThat(ShadowNames.isValidThingName("x".repeat(129))).isFalse();
        assertThat(ShadowNames.isValidShadowName("x".repeat(65))).isFalse();
    }

    @Test
    void agreesWithTheRulesOnRandomNames() {
        Random random = new Random(42);
        String alphabet = "aZ09:_-$/ .é\u0000\u007f\u0100" + (char) ('a' - 1) + (char) ('z' + 1) + (char) ('0' - 1);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            int length = random.nextInt(140);
            StringBuilder name = new StringBuilder();
            for (int j = 0; j < length; j++) {
                name.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : (char) ('a' + random.nextInt(26)));
            }
            names.add(name.toString());
        }
        for (String name : names) {
            int bytes = name.getBytes(StandardCharsets.UTF_8).length;
            assertThat(ShadowNames.isValidThingName(name)).as(name)
                    .isEqualTo(THING.matcher(name).matches() && bytes <= 128);
            assertThat(ShadowNames.isValidShadowName(name)).as(name)
                    .isEqualTo(SHADOW.matcher(name).matches() && bytes <= 64);
        }
    }
}
