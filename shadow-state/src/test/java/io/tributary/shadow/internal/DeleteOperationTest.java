package io.tributary.shadow.internal;

import io.tributary.shadow.ShadowId;
import io.tributary.shadow.ShadowLimits;
import io.tributary.shadow.ShadowResult;
import io.tributary.shadow.StoredShadow;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DeleteOperationTest {

    private static final ShadowId COLOR = ShadowId.named("lamp", "color");
    private final DeleteOperation delete = new DeleteOperation(ShadowLimits.aws());
    private final StoredShadow live = StoredShadow.of(Json.object(), Json.object(), 17);

    @Test
    void leavesAMarkerWithTheDeletedVersion() {
        Outcome.Accepted accepted = (Outcome.Accepted) delete.apply(COLOR,
                "{\"clientToken\":\"ec7e\"}".getBytes(StandardCharsets.UTF_8), Optional.of(live), 1_736_888_506_123L);
        assertThat(accepted.change()).isEqualTo(ShadowResult.Change.PUT);
        assertThat(accepted.state()).contains(StoredShadow.deleted(17, 1_736_888_506_123L));
        assertThat(accepted.messages().get(0).document())
                .hasToString("{\"version\":17,\"timestamp\":1736888506,\"clientToken\":\"ec7e\"}");
    }

    @Test
    void missingShadowIsNotFoundByShadowName() {
        Outcome outcome = delete.apply(COLOR, new byte[0], Optional.empty(), 0);
        assertThat(outcome).isEqualTo(new Outcome.Rejected(ShadowError.noShadow("color"), Optional.empty()));
    }

    @Test
    void deletingTwiceIsNotFound() {
        Optional<StoredShadow> marker = ((Outcome.Accepted) delete.apply(COLOR, new byte[0], Optional.of(live), 0)).state();
        assertThat(delete.apply(COLOR, new byte[0], marker, 1_000)).isInstanceOf(Outcome.Rejected.class);
    }

    @Test
    void invalidUtf8IsUnsupportedEncoding() {
        Outcome outcome = delete.apply(COLOR, new byte[] {(byte) 0xC3}, Optional.of(live), 0);
        assertThat(outcome).isEqualTo(new Outcome.Rejected(ShadowError.UNSUPPORTED_ENCODING, Optional.empty()));
    }
}
