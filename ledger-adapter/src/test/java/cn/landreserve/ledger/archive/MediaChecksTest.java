package cn.landreserve.ledger.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Usability and security of one file per media type: each check passes a sound file and names what is wrong. */
@Timeout(60)
class MediaChecksTest {

    @TempDir
    Path dir;

    private List<Finding> check(String mediaType, byte[] bytes) throws IOException {
        return MediaChecks.check("f", mediaType, Files.write(dir.resolve("f-" + System.nanoTime()), bytes));
    }

    private static Finding of(List<Finding> findings, String check) {
        return findings.stream().filter(f -> f.check().equals(check)).findFirst().orElseThrow();
    }

    private static byte[] pdf(java.util.function.Consumer<PDDocument> change) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            change.accept(doc);
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static byte[] zip(String[][] entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (String[] e : entries) {
                zip.putNextEntry(new ZipEntry(e[0]));
                zip.write(e[1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void a_plain_pdf_opens_and_holds_nothing_active() throws IOException {
        List<Finding> f = check(MediaChecks.PDF, pdf(d -> { }));
        assertThat(f).extracting(Finding::status).containsOnly(Finding.Status.PASS);
        assertThat(of(f, MediaChecks.USABLE).message()).startsWith("PDF 1.").contains("1 page(s)");
    }

    @Test
    void an_encrypted_pdf_is_refused_by_the_security_check() throws IOException {
        byte[] owner = pdf(d -> {
            try {
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "", new AccessPermission());
                policy.setEncryptionKeyLength(128);
                d.protect(policy);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(of(check(MediaChecks.PDF, owner), MediaChecks.NOT_ENCRYPTED).status()).isEqualTo(Finding.Status.FAIL);
        byte[] user = pdf(d -> {
            try {
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret",
                        new AccessPermission());
                policy.setEncryptionKeyLength(128);
                d.protect(policy);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        List<Finding> f = check(MediaChecks.PDF, user);
        assertThat(of(f, MediaChecks.NOT_ENCRYPTED).message()).isEqualTo("the PDF is encrypted with a user password");
        assertThat(of(f, MediaChecks.USABLE).message()).isEqualTo("the PDF needs a password to open");
    }

    @Test
    void a_pdf_that_runs_javascript_when_opened_is_active_content() throws IOException {
        byte[] js = pdf(d -> d.getDocumentCatalog().setOpenAction(new PDActionJavaScript("app.alert('hi')")));
        Finding f = of(check(MediaChecks.PDF, js), MediaChecks.NO_ACTIVE_CONTENT);
        assertThat(f.status()).isEqualTo(Finding.Status.FAIL);
        assertThat(f.message()).isEqualTo("the PDF holds an open action running JavaScript");
    }

    @Test
    void a_file_that_only_claims_to_be_a_pdf_is_not_usable() throws IOException {
        Finding f = of(check(MediaChecks.PDF, "%PDF-1.4\n% not really\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)),
                MediaChecks.USABLE);
        assertThat(f.status()).isEqualTo(Finding.Status.FAIL);
        assertThat(f.message()).startsWith("cannot be opened as application/pdf");
    }

    @Test
    void office_documents_with_macros_are_active_content() throws IOException {
        String types = "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
        String body = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>";
        assertThat(check(MediaChecks.DOCX, zip(new String[][] {{"[Content_Types].xml", types},
            {"word/document.xml", body}}))).extracting(Finding::status).containsOnly(Finding.Status.PASS);
        Finding macro = of(check(MediaChecks.DOCX, zip(new String[][] {{"[Content_Types].xml", types},
            {"word/document.xml", body}, {"word/vbaProject.bin", "VBA"}})), MediaChecks.NO_ACTIVE_CONTENT);
        assertThat(macro.status()).isEqualTo(Finding.Status.FAIL);
        assertThat(macro.message()).isEqualTo("the document holds VBA macros (word/vbaProject.bin)");
        Finding broken = of(check(MediaChecks.XLSX, zip(new String[][] {{"[Content_Types].xml", types}})),
                MediaChecks.USABLE);
        assertThat(broken.message()).isEqualTo("the package lacks xl/workbook.xml");
    }

    @Test
    void a_zip_with_an_encrypted_entry_is_named() throws IOException {
        byte[] zip = zip(new String[][] {{"a.txt", "open"}, {"secret.txt", "hidden"}});
        setEncryptedFlag(zip, "secret.txt");
        List<Finding> f = check(MediaChecks.ZIP, zip);
        assertThat(of(f, MediaChecks.NOT_ENCRYPTED).message()).isEqualTo("encrypted entries: secret.txt");
        assertThat(of(f, MediaChecks.USABLE).status()).isEqualTo(Finding.Status.FAIL);
    }

    /** Sets bit 0 (encrypted) of the general purpose flags of an entry, in its local and its central header. */
    private static void setEncryptedFlag(byte[] zip, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 < zip.length; i++) {
            boolean local = zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 3 && zip[i + 3] == 4
                    && Arrays.equals(Arrays.copyOfRange(zip, i + 30, i + 30 + n.length), n);
            boolean central = zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 1 && zip[i + 3] == 2
                    && Arrays.equals(Arrays.copyOfRange(zip, i + 46, i + 46 + n.length), n);
            if (local) {
                zip[i + 6] |= 1;
            }
            if (central) {
                zip[i + 8] |= 1;
            }
        }
    }

    @Test
    void ofd_needs_its_root_and_the_document_it_names() throws IOException {
        String ofd = "<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\" Version=\"1.0\"><ofd:DocBody>"
                + "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>";
        String document = "<ofd:Document xmlns:ofd=\"http://www.ofdspec.org/2016\"/>";
        assertThat(check(MediaChecks.OFD, zip(new String[][] {{"OFD.xml", ofd}, {"Doc_0/Document.xml", document}})))
                .extracting(Finding::status).containsOnly(Finding.Status.PASS);
        assertThat(of(check(MediaChecks.OFD, zip(new String[][] {{"OFD.xml", ofd}})), MediaChecks.USABLE).message())
                .isEqualTo("the document root Doc_0/Document.xml is missing");
    }

    @Test
    void geojson_names_the_first_bad_member() throws IOException {
        byte[] bad = ("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":"
                + "{\"type\":\"Polygon\",\"coordinates\":[[[1,2],[3,\"x\"]]]}}]}").getBytes(StandardCharsets.UTF_8);
        Finding f = of(check(MediaChecks.GEOJSON, bad), MediaChecks.USABLE);
        assertThat(f.status()).isEqualTo(Finding.Status.FAIL);
        assertThat(f.message()).isEqualTo("$.features[0].geometry.coordinates[0][1] holds a non-number");
    }

    @Test
    void csv_rows_must_agree_and_formulas_are_active_content() throws IOException {
        Finding ragged = of(check(MediaChecks.CSV, "a,b\n1,2\n3\n".getBytes(StandardCharsets.UTF_8)), MediaChecks.USABLE);
        assertThat(ragged.message()).isEqualTo("row 3 has 1 columns, the first has 2");
        Finding formula = of(check(MediaChecks.CSV, "a,b\n1,=HYPERLINK(\"x\")\n".getBytes(StandardCharsets.UTF_8)),
                MediaChecks.NO_ACTIVE_CONTENT);
        assertThat(formula.message()).isEqualTo("spreadsheet formulas at row 2 column 2");
        Finding gb = of(check(MediaChecks.CSV, "项目,金额\n补偿,1\n".getBytes(java.nio.charset.Charset.forName("GB18030"))),
                MediaChecks.USABLE);
        assertThat(gb.message()).isEqualTo("CSV (GB18030), 2 rows × 2 columns");
    }

    @Test
    void a_truncated_png_is_not_usable_and_an_unknown_type_is_not_checked() throws IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(32, 32,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        byte[] png = out.toByteArray();
        assertThat(of(check(MediaChecks.PNG, png), MediaChecks.USABLE).message()).isEqualTo("image/png 32×32, decoded");
        assertThat(of(check(MediaChecks.PNG, Arrays.copyOf(png, 40)), MediaChecks.USABLE).status())
                .isEqualTo(Finding.Status.FAIL);
        assertThat(check("application/x-unknown", png)).extracting(Finding::status)
                .containsOnly(Finding.Status.NOT_CHECKED);
    }
}
