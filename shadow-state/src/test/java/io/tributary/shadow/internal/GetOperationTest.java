package io.tributary.shadow.internal;

import io.tributary.shadow.ShadowId;
import io.tributary.shadow.ShadowLimits;
import io.tributary.shadow.ShadowResult;
import io.tributary.shadow.StoredShadow;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class GetOperationTest {

    private static final ShadowId LAMP = ShadowId.classic("lamp");
    private final GetOperation get = new GetOperation(ShadowLimits.aws());
    private final StoredShadow live = StoredShadow.fromBytes(
            ("{\"state\":{\"desired\":{\"on\":true},\"reported\":{\"on\":false}},"
                    + "\"metadata\":{\"desired\":{\"on\":{\"timestamp\":1}},\"reported\":{\"on\":{\"timestamp\":2}}},"
                    + "\"version\":3}").getBytes(StandardCharsets.UTF_8));

    @Test
    void returnsStateWithDeltaButMetadataWithout() {
        Outcome.Accepted accepted = (Outcome.Accepted) get.apply(LAMP, new byte[0], Optional.of(live), 9_000);
        assertThat(accepted.change()).isEqualTo(ShadowResult.Change.UNCHANGED);
        assertThat(accepted.messages().get(0).document()).hasToString(
                "{\"state\":{\"desired\":{\"on\":true},\"reported\":{\"on\":false},\"delta\":{\"on\":true}},"
                        + "\"metadata\":{\"desired\":{\"on\":{\"timestamp\":1}},\"reported\":{\"on\":{\"timestamp\":2}}},"
                        + "\"version\":3,\"timestamp\":9}");
    }

    @Test
    void acceptsAnyJsonPayloadAndReadsOnlyTheToken() {
        for (String payload : new String[] {"\"\"", "  ", "[]", "{\"state\":1}", "{\"clientToken\":\"t\"}"}) {
            Outcome outcome = get.apply(LAMP, payload.getBytes(StandardCharsets.UTF_8), Optional.of(live), 0);
            assertThat(outcome).as(payload).isInstanceOf(Outcome.Accepted.class);
        }
    }

    @Test
    void deletedShadowIsNotFoundAndAnExpiredMarkerIsCleanedUp() {
        Optional<StoredShadow> marker = Optional.of(StoredShadow.deleted(3, 0));
        Outcome recent = get.apply(LAMP, new byte[0], marker, Duration.ofHours(47).toMillis());
        assertThat(recent).isEqualTo(new Outcome.Rejected(ShadowError.noShadow("lamp"), Optional.empty()));
        Outcome expired = get.apply(LAMP, new byte[0], marker, Duration.ofHours(48).toMillis());
        assertThat(((Outcome.Rejected) expired).cleanup()).isEqualTo(ShadowResult.Change.REMOVE);
    }
}
