package cn.landreserve.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestsTest {

    private static Digests of(String ascii) {
        return Digests.of(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void sm3_of_abc_is_the_published_vector() {
        assertThat(of("abc").sm3Hex()).isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }

    @Test
    void sm3_of_abcd_sixteen_times_is_the_published_vector() {
        assertThat(of("abcd".repeat(16)).sm3Hex())
                .isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
    }

    @Test
    void sha256_of_abc_is_the_published_vector() {
        assertThat(of("abc").sha256Hex()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void sha256_of_nothing_is_the_published_vector() {
        assertThat(of("").sha256Hex()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void sha256_of_the_448_bit_message_is_the_published_vector() {
        assertThat(of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq").sha256Hex())
                .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }

    @Test
    void digests_of_a_stream_equal_digests_of_its_bytes_across_slice_boundaries() throws Exception {
        byte[] bytes = new byte[700_001];
        new SeededStream(7, bytes.length).readNBytes(bytes, 0, bytes.length);
        assertThat(Digests.of(new ByteArrayInputStream(bytes))).isEqualTo(Digests.of(bytes));
    }

    @Test
    void digests_are_compared_case_insensitively_but_must_be_64_hex_digits() {
        Digests abc = of("abc");
        assertThat(new Digests(abc.sha256Hex().toUpperCase(), abc.sm3Hex().toUpperCase())).isEqualTo(abc);
        assertThatThrownBy(() -> new Digests("abc", abc.sm3Hex()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sha256Hex");
    }
}
