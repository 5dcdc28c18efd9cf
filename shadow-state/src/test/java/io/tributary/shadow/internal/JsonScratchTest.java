package io.tributary.shadow.internal;

import io.tributary.shadow.ShadowId;
import io.tributary.shadow.ShadowLimits;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class JsonScratchTest {

    @Test
    void aScratchGivenBackIsReusedEmptyAndANestedTakeGetsItsOwn() throws Exception {
        JsonScratch first = JsonScratch.take();
        JsonScratch nested = JsonScratch.take();
        assertThat(nested).isNotSameAs(first);
        first.bytes.tree(first.generator, Json.parse("{\"a\":1}").orElseThrow());
        first.give();
        JsonScratch again = JsonScratch.take();
        assertThat(again).isSameAs(first);
        assertThat(again.bytes.size()).isZero();
        again.bytes.tree(again.generator, Json.parse("[2]").orElseThrow());
        assertThat(new String(again.bytes.toByteArray(), StandardCharsets.UTF_8)).isEqualTo("[2]");
        again.give();
    }

    @Test
    void aScratchLeftInsideAValueIsNeverReused() throws Exception {
        JsonScratch broken = JsonScratch.take();
        broken.generator.writeStartObject(); // as if writing had failed half way
        assertThat(JsonScratch.take()).isNotSameAs(broken);
    }

    @Test
    void updatesAfterARejectedOneWriteTheSameAsOnAFreshThread() throws Exception {
        UpdateOperation update = new UpdateOperation(ShadowLimits.aws());
        ShadowId lamp = ShadowId.classic("lamp");
        byte[] tooLarge = ("{\"state\":{\"desired\":{\"x\":\"" + "y".repeat(9000) + "\"}}}").getBytes(StandardCharsets.UTF_8);
        byte[] fine = "{\"state\":{\"desired\":{\"on\":true}},\"clientToken\":\"t\"}".getBytes(StandardCharsets.UTF_8);
        String[] fresh = new String[1];
        Thread other = new Thread(() -> fresh[0] = payloads(update.apply(lamp, fine, Optional.empty(), 0, 1_000)));
        other.start();
        other.join();
        assertThat(update.apply(lamp, tooLarge, Optional.empty(), 0, 1_000)).isInstanceOf(Outcome.Rejected.class);
        assertThat(payloads(update.apply(lamp, fine, Optional.empty(), 0, 1_000))).isEqualTo(fresh[0]);
        assertThat(payloads(update.apply(lamp, fine, Optional.empty(), 0, 1_000))).isEqualTo(fresh[0]);
    }

    private static String payloads(Outcome outcome) {
        StringBuilder all = new StringBuilder();
        for (Publication publication : ((Outcome.Accepted) outcome).messages()) {
            all.append(publication.kind()).append(' ').append(new String(publication.payload(), StandardCharsets.UTF_8))
                    .append('\n');
        }
        return all.toString();
    }
}
