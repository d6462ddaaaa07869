package cn.landreserve.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class DocumentStoreConfigTest {

    private static final DocumentStoreConfig VALID =
            DocumentStoreConfig.of(URI.create("http://127.0.0.1:9000"), "access", "secret", "documents");

    @Test
    void defaults_are_a_5_gib_limit_16_mib_parts_and_no_object_lock() {
        assertThat(VALID.maxSizeBytes()).isEqualTo(5L << 30);
        assertThat(VALID.partSize()).isEqualTo(16 << 20);
        assertThat(VALID.objectLockRetentionDays()).isZero();
    }

    @Test
    void each_bad_setting_is_named_in_the_refusal() {
        assertThatThrownBy(() -> DocumentStoreConfig.of(URI.create("ftp://x"), "a", "s", "documents"))
                .hasMessageStartingWith("endpoint");
        assertThatThrownBy(() -> DocumentStoreConfig.of(URI.create("http://x/path"), "a", "s", "documents"))
                .hasMessageStartingWith("endpoint");
        assertThatThrownBy(() -> DocumentStoreConfig.of(URI.create("http://x"), " ", "s", "documents"))
                .hasMessageStartingWith("accessKey");
        assertThatThrownBy(() -> DocumentStoreConfig.of(URI.create("http://x"), "a", "", "documents"))
                .hasMessageStartingWith("secretKey");
        assertThatThrownBy(() -> DocumentStoreConfig.of(URI.create("http://x"), "a", "s", "Documents_1"))
                .hasMessageStartingWith("bucket");
        assertThatThrownBy(() -> VALID.withMaxSizeBytes(0)).hasMessageStartingWith("maxSizeBytes");
        assertThatThrownBy(() -> VALID.withPartSize(1024, 4)).hasMessageStartingWith("partSize");
        assertThatThrownBy(() -> VALID.withPartSize(5 << 20, 1)).hasMessageStartingWith("uploadBuffers");
        assertThatThrownBy(() -> VALID.withMaxSizeBytes(1L << 40).withPartSize(5 << 20, 4))
                .hasMessageStartingWith("partSize").hasMessageContaining("10000 parts");
        assertThatThrownBy(() -> VALID.withObjectLock(-1, RetentionMode.GOVERNANCE))
                .hasMessageStartingWith("objectLockRetentionDays");
        assertThatThrownBy(() -> VALID.withKeyPrefix("../x")).hasMessageStartingWith("keyPrefix");
    }

    @Test
    void the_secret_key_is_never_printed() {
        assertThat(VALID.toString()).doesNotContain("secret=").doesNotContain("secret,").contains("secretKey=***");
    }
}
