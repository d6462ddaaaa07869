package cn.landreserve.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class MediaTypesTest {

    private static String detect(byte[] bytes) {
        return MediaTypes.detect(bytes, bytes.length);
    }

    private static String detect(String text) {
        return detect(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] zip(boolean stored, String... namesAndContents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                byte[] content = namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
                ZipEntry entry = new ZipEntry(namesAndContents[i]);
                if (stored) {
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(content.length);
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(content);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(content);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static final String CONTENT_TYPES = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
            + "package/2006/content-types\"><Override PartName=\"/%s\" ContentType=\"application/vnd.openxmlformats-"
            + "officedocument.%s+xml\"/></Types>";

    @Test
    void pdf_png_jpeg_and_tiff_are_recognised_by_their_magic_bytes() {
        assertThat(detect(SeededStream.PDF_HEADER)).isEqualTo("application/pdf");
        assertThat(detect(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'}))
                .isEqualTo("image/png");
        assertThat(detect(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0}))
                .isEqualTo("image/jpeg");
        assertThat(detect(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0})).isEqualTo("image/tiff");
        assertThat(detect(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 0})).isEqualTo("image/tiff");
    }

    @Test
    void a_zip_holding_ofd_xml_is_ofd() throws IOException {
        assertThat(detect(zip(false, "OFD.xml", "<ofd:OFD/>", "Doc_0/Document.xml", "<x/>"))).isEqualTo("application/ofd");
        assertThat(detect(zip(true, "OFD.xml", "<ofd:OFD/>"))).isEqualTo("application/ofd");
    }

    @Test
    void ooxml_documents_are_told_apart_by_their_content_types_part() throws IOException {
        assertThat(detect(zip(false, "[Content_Types].xml",
                CONTENT_TYPES.formatted("word/document.xml", "wordprocessingml.document.main"), "word/document.xml", "<w/>")))
                .isEqualTo(MediaTypes.DOCX);
        assertThat(detect(zip(false, "[Content_Types].xml",
                CONTENT_TYPES.formatted("xl/workbook.xml", "spreadsheetml.sheet.main"), "xl/workbook.xml", "<x/>")))
                .isEqualTo(MediaTypes.XLSX);
        assertThat(detect(zip(true, "[Content_Types].xml",
                CONTENT_TYPES.formatted("ppt/presentation.xml", "presentationml.presentation.main"))))
                .isEqualTo(MediaTypes.PPTX);
    }

    @Test
    void ooxml_without_a_readable_content_types_part_falls_back_to_its_entry_names() throws IOException {
        assertThat(detect(zip(false, "_rels/.rels", "<r/>", "xl/workbook.xml", "<x/>", "[Content_Types].xml", "<Types/>")))
                .isEqualTo(MediaTypes.XLSX);
    }

    @Test
    void any_other_zip_such_as_a_shapefile_bundle_is_zip() throws IOException {
        assertThat(detect(zip(false, "parcels.shp", "shp", "parcels.dbf", "dbf", "parcels.prj", "GEOGCS[]")))
                .isEqualTo("application/zip");
    }

    @Test
    void legacy_office_files_are_named_after_their_ole2_streams() {
        byte[] ole = new byte[4096];
        byte[] magic = {(byte) 0xd0, (byte) 0xcf, 0x11, (byte) 0xe0, (byte) 0xa1, (byte) 0xb1, 0x1a, (byte) 0xe1};
        System.arraycopy(magic, 0, ole, 0, magic.length);
        byte[] word = "WordDocument".getBytes(StandardCharsets.UTF_16LE);
        byte[] doc = ole.clone();
        System.arraycopy(word, 0, doc, 1024, word.length);
        byte[] workbook = "Workbook".getBytes(StandardCharsets.UTF_16LE);
        byte[] xls = ole.clone();
        System.arraycopy(workbook, 0, xls, 1024, workbook.length);

        assertThat(detect(doc)).isEqualTo("application/msword");
        assertThat(detect(xls)).isEqualTo("application/vnd.ms-excel");
        assertThat(detect(ole)).isEqualTo("application/x-tika-msoffice");
        assertThat(MediaTypes.allowed(detect(ole))).isTrue();
    }

    @Test
    void geojson_is_json_text_whose_type_is_a_feature_or_feature_collection() {
        assertThat(detect("{\"type\": \"FeatureCollection\", \"features\": []}")).isEqualTo("application/geo+json");
        assertThat(detect("\n  {\"properties\":{\"名称\":\"地块\"},\"type\":\"Feature\",\"geometry\":null}"))
                .isEqualTo("application/geo+json");
        assertThat(detect("{\"name\": \"not geo\"}")).isEqualTo("application/json");
        assertThat(MediaTypes.allowed("application/json")).isFalse();
    }

    @Test
    void text_with_a_constant_number_of_commas_per_line_is_csv_otherwise_plain_text() {
        assertThat(detect("id,name,area\n1,\"东区, 一号\",12.5\n2,西区,8\n")).isEqualTo("text/csv");
        assertThat(detect("土地储备项目说明\n第二行, 带逗号\n第三行\n")).isEqualTo("text/plain");
        assertThat(detect("x")).isEqualTo("text/plain");
    }

    @Test
    void gbk_encoded_chinese_text_is_plain_text() {
        assertThat(detect("土地储备项目现状调查报告，共三章。\r\n".repeat(20).getBytes(Charset.forName("GBK"))))
                .isEqualTo("text/plain");
    }

    @Test
    void executables_html_and_random_bytes_are_not_allowed() {
        byte[] random = new byte[8192];
        new java.util.SplittableRandom(1).nextBytes(random);
        String elf = detect(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        String html = detect("<html><head><title>x</title></head><body></body></html>");

        assertThat(MediaTypes.allowed(elf)).as(elf).isFalse();
        assertThat(html).isEqualTo("text/html");
        assertThat(MediaTypes.allowed(html)).isFalse();
        assertThat(MediaTypes.allowed(detect(random))).isFalse();
    }

    @Test
    void only_the_prefix_is_looked_at() {
        byte[] pdfThenZeros = new byte[MediaTypes.PREFIX * 4];
        System.arraycopy(SeededStream.PDF_HEADER, 0, pdfThenZeros, 0, SeededStream.PDF_HEADER.length);
        byte[] textThenBinary = new byte[MediaTypes.PREFIX * 2];
        java.util.Arrays.fill(textThenBinary, 0, MediaTypes.PREFIX, (byte) 'a');

        assertThat(detect(pdfThenZeros)).isEqualTo("application/pdf");
        assertThat(detect(textThenBinary)).isEqualTo("text/plain");
    }
}
