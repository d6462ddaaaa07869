package cn.landreserve.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentDispositionTest {

    @Test
    void a_chinese_name_gets_an_ascii_fallback_and_an_rfc_5987_utf8_name() {
        assertThat(ContentDisposition.attachment("现状调查.pdf"))
                .isEqualTo("attachment; filename=\"____.pdf\"; filename*=UTF-8''%E7%8E%B0%E7%8A%B6%E8%B0%83%E6%9F%A5.pdf");
    }

    @Test
    void quotes_control_characters_and_path_separators_cannot_break_the_header_or_escape_the_folder() {
        String value = ContentDisposition.attachment("../../etc/pa\"ss\r\nSet-Cookie: x=1\\wd\u202e.txt");

        assertThat(value).doesNotContain("\r").doesNotContain("\n").doesNotContain("/").doesNotContain("\\")
                .doesNotContain("\u202e");
        assertThat(value).startsWith("attachment; filename=\"").contains("; filename*=UTF-8''");
        assertThat(value.substring("attachment; filename=\"".length(), value.indexOf("\";"))).doesNotContain("\"");
    }

    @Test
    void only_the_last_path_segment_is_kept_and_leading_dots_are_dropped() {
        assertThat(ContentDisposition.sanitize("C:\\Users\\张三\\..\\.hidden.docx")).isEqualTo("hidden.docx");
        assertThat(ContentDisposition.sanitize("/")).isEqualTo("download");
        assertThat(ContentDisposition.sanitize(null)).isEqualTo("download");
    }
}
