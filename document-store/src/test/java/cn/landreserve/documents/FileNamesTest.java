package cn.landreserve.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void chinese_and_special_names_survive_encoding_exactly() {
        for (String name : new String[] {"项目实施方案.pdf", "a b%20c\"d'e;f.docx", "😀emoji.txt", "CON", "..\\..\\x"}) {
            String encoded = FileNames.encode(name);
            assertThat(encoded).matches("[A-Za-z0-9!#$&+\\-.^_`|~%]*");
            assertThat(FileNames.decode(encoded)).isEqualTo(name);
        }
    }

    @Test
    void a_name_too_long_for_metadata_is_shortened_keeping_its_extension() {
        String name = "很长的文件名".repeat(100) + ".pdf";

        String kept = FileNames.keepable(name);

        assertThat(FileNames.encode(kept).length()).isLessThanOrEqualTo(FileNames.MAX_ENCODED);
        assertThat(kept).endsWith("….pdf").startsWith("很长的文件名");
    }

    @Test
    void a_blank_name_is_kept_as_unnamed() {
        assertThat(FileNames.keepable("  ")).isEqualTo("unnamed");
        assertThat(FileNames.keepable(null)).isEqualTo("unnamed");
    }
}
