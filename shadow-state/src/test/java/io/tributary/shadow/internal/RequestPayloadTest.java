package io.tributary.shadow.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RequestPayloadTest {

    private static RequestPayload parse(byte[] payload, boolean objectRequired) {
        return RequestPayload.parse(payload, objectRequired, 64);
    }

    @Test
    void asciiAndNonAsciiPayloadsParseAlike() {
        RequestPayload ascii = parse("{\"state\":{},\"clientToken\":\"t\"}".getBytes(StandardCharsets.UTF_8), true);
        assertThat(ascii.error()).isEmpty();
        assertThat(ascii.clientToken()).contains("t");
        RequestPayload utf8 = parse("{\"state\":{},\"clientToken\":\"é\"}".getBytes(StandardCharsets.UTF_8), true);
        assertThat(utf8.error()).isEmpty();
        assertThat(utf8.clientToken()).contains("é");
    }

    @Test
    void blankGetPayloadsAreEmptyAndBlankUpdatesInvalid() {
        assertThat(parse(" \t\r\n".getBytes(StandardCharsets.US_ASCII), false))
                .isEqualTo(new RequestPayload(Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(parse(" ".getBytes(StandardCharsets.US_ASCII), true).error()).contains(ShadowError.INVALID_JSON);
        assertThat(parse(new byte[0], false).error()).isEmpty();
    }

    @Test
    void utf16LookingBytesAreNotJson() {
        // As text, NUL characters: not JSON, although a byte-level parser could take them for UTF-16.
        byte[] utf16 = "{\"state\":{}}".getBytes(StandardCharsets.UTF_16BE);
        assertThat(parse(utf16, true).error()).contains(ShadowError.INVALID_JSON);
        assertThat(parse(utf16, false).error()).contains(ShadowError.INVALID_JSON);
    }

    @Test
    void invalidUtf8IsUnsupportedEncoding() {
        byte[] bad = {'{', '"', (byte) 0xC3, '"', ':', '1', '}'};
        assertThat(parse(bad, true).error()).contains(ShadowError.UNSUPPORTED_ENCODING);
    }
}
