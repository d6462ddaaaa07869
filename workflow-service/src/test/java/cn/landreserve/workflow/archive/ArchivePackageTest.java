package cn.landreserve.workflow.archive;

import static cn.landreserve.workflow.archive.PackageZips.changed;
import static cn.landreserve.workflow.archive.PackageZips.flipped;
import static cn.landreserve.workflow.archive.PackageZips.verifyPackage;
import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.chaincode.EvidenceKind;
import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.ledger.LedgerEntry;
import cn.landreserve.ledger.archive.Finding;
import cn.landreserve.ledger.archive.FourPropertiesReport;
import cn.landreserve.ledger.archive.PackageLayout;
import cn.landreserve.ledger.archive.Property;
import cn.landreserve.ledger.archive.TimestampVerifier;
import cn.landreserve.ledger.receipt.Certificates;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.support.ApiClient;
import cn.landreserve.workflow.support.TestService;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The archive package on the embedded engine, as an auditor receives it over the API and checks it offline with
 * nothing but the package, the trust bundle and the TSA certificate: an archived project's package passes the
 * 四性检测; any single change (a byte in any entry, a removed file, an altered manifest, a replaced timestamp token,
 * a receipt of another project) is found and named; a project sealed without a required document is reported as
 * not integral; the timestamp tokens check against the TSA certificate and against no other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(600)
class ArchivePackageTest {

    static final String PASSWORD = "archive-pass";

    ConfigurableApplicationContext service;
    int port;
    Path dir;
    Project project;
    Project other;
    Path zip;
    Path otherZip;
    Path bundle;
    Path tsa;

    @BeforeAll
    void archiveTwoProjects() throws Exception {
        dir = Files.createTempDirectory("archive-package");
        service = TestService.start(dir.resolve("data"), "camunda.bpm.job-execution.enabled=false",
                "reserve.demo.password=" + PASSWORD, "reserve.demo.sample-projects=false",
                "reserve.workflow.anchor-retry-cycle=R3/PT0S", "reserve.workflow.document-anchor-interval=PT24H",
                "reserve.workflow.anchor-recovery-interval=PT24H", "reserve.access-log.anchor-interval=PT24H");
        port = Integer.parseInt(service.getBean(Environment.class).getProperty("local.server.port"));
        ArchivedProjects archive = new ArchivedProjects(service);
        project = archive.archive("归档包测试项目", true);
        other = archive.archive("另一归档项目", false);
        zip = download(project, "package.zip");
        otherZip = download(other, "other.zip");
        bundle = save("trust-bundle.pem", auditor().get("/api/audit/trust-bundle"));
        tsa = save("tsa-certificate.pem", auditor().get("/api/audit/tsa-certificate"));
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    ApiClient auditor() {
        return ApiClient.as(port, "auditor", PASSWORD);
    }

    Path download(Project p, String name) throws Exception {
        ApiClient.Response r = auditor().get("/api/audit/projects/" + p.id().value() + "/archive-package");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.raw().headers().firstValue("Content-Type")).hasValue("application/zip");
        return Files.write(dir.resolve(name), r.body());
    }

    Path save(String name, ApiClient.Response r) throws Exception {
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return Files.write(dir.resolve(name), r.body());
    }

    PackageZips.Run verify(Path pkg) {
        return verifyPackage("--package", pkg.toString(), "--ca", bundle.toString(), "--tsa", tsa.toString());
    }

    FourPropertiesReport report(Path pkg) throws Exception {
        return PackageZips.report(pkg, bundle, tsa);
    }

    @Test
    void an_archived_projects_package_verifies_offline_with_the_trust_bundle_and_the_tsa_certificate() throws Exception {
        PackageZips.Run run = verify(zip);
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("OK: the archive package of project " + project.id().value())
                .contains("time source LOCAL").contains("真实性 authenticity: PASS").contains("完整性 integrity: PASS")
                .contains("可用性 usability: PASS").contains("安全性 security: PASS");

        Map<String, byte[]> entries = PackageZips.read(zip);
        List<LedgerEntry> onLedger = service.getBean(EvidenceLedger.class).listByProject(project.id().value());
        // every record the ledger holds for the project has its receipt, every document version its file
        for (LedgerEntry e : onLedger) {
            assertThat(entries).containsKey(PackageLayout.receipt(e.evidenceId()));
            if (e.kind() == EvidenceKind.DOCUMENT) {
                var record = (cn.landreserve.chaincode.DocumentRecord) e.record();
                byte[] file = entries.get(PackageLayout.file(record.evidenceId(), record.mediaType()));
                assertThat(file).as(record.documentType() + " v" + record.version()).isNotNull();
                assertThat(cn.landreserve.workflow.ui.TestFiles.sha256(file)).isEqualTo(record.sha256());
            }
        }
        assertThat(onLedger).filteredOn(e -> e.kind() == EvidenceKind.DOCUMENT).hasSize(13); // 12 types + plan v2
        assertThat(entries).containsKeys(PackageLayout.MANIFEST, PackageLayout.MANIFEST_TOKEN, PackageLayout.SEAL_TOKEN,
                PackageLayout.MANIFEST_XML, PackageLayout.REPORT_JSON, PackageLayout.REPORT_HTML,
                PackageLayout.TRUST_BUNDLE, PackageLayout.PROJECT, PackageLayout.DOCUMENTS, PackageLayout.TIMELINE,
                PackageLayout.REQUIREMENTS, PackageLayout.EVIDENCE);

        FourPropertiesReport offline = report(zip);
        // each file's usability was checked by its own media type's reader
        assertThat(offline.findings()).filteredOn(f -> f.check().equals("OPENS_AS_MEDIA_TYPE"))
                .extracting(Finding::message).anySatisfy(m -> assertThat(m).startsWith("PDF 1."))
                .anySatisfy(m -> assertThat(m).startsWith("image/png 64×48"))
                .anySatisfy(m -> assertThat(m).startsWith("CSV (UTF-8), 3 rows × 2 columns"))
                .anySatisfy(m -> assertThat(m).startsWith("Office Open XML, word/document.xml parsed"))
                .anySatisfy(m -> assertThat(m).startsWith("GeoJSON FeatureCollection, 1 feature(s)"))
                .anySatisfy(m -> assertThat(m).startsWith("ZIP, 2 entries"));
        assertThat(offline.findings()).filteredOn(f -> f.status() != Finding.Status.PASS).isEmpty();

        // the service's own report, kept in the package and served, says the same
        JsonNode served = auditor().get("/api/audit/projects/" + project.id().value() + "/archive-package/report").json();
        assertThat(served.get("verdict").asText()).isEqualTo("OK");
        assertThat(served.get("timeSource").asText()).isEqualTo("LOCAL");
        assertThat(served.at("/report/properties/INTEGRITY").asText()).isEqualTo("PASS");
        FourPropertiesReport kept = FourPropertiesReport.parse(new String(entries.get(PackageLayout.REPORT_JSON),
                StandardCharsets.UTF_8));
        assertThat(kept.verdict()).isEqualTo("OK");
        assertThat(new String(entries.get(PackageLayout.MANIFEST_XML), StandardCharsets.UTF_8))
                .contains("<封装包 ").contains(project.code());
    }

    @Test
    void the_printable_page_is_chinese_and_runs_nothing_but_its_own_style() {
        ApiClient.Response page = auditor().get("/api/audit/projects/" + project.id().value()
                + "/archive-package/report/page");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("电子档案四性检测报告").contains("真实性").contains("完整性").contains("可用性")
                .contains("安全性").contains("本地时间戳服务（LOCAL").doesNotContain("<script");
        assertThat(page.raw().headers().firstValue("Content-Security-Policy")).hasValue(ReportPage.CSP);
    }

    @Test
    void a_project_not_archived_has_no_package_and_an_unknown_one_is_not_found() throws Exception {
        Project open = service.getBean(cn.landreserve.workflow.project.ProjectService.class).open(
                new Project.NewProject("未归档项目", "北湖区", new java.math.BigDecimal("10.00"), false, null),
                ArchivedProjects.user("applicant"));
        ApiClient.Response r = auditor().get("/api/audit/projects/" + open.id().value() + "/archive-package");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("code").asText()).isEqualTo("NOT_ARCHIVED");
        ApiClient.Response missing = auditor().get("/api/audit/projects/no-such-project/archive-package");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asText()).isEqualTo("PROJECT_NOT_FOUND");
    }

    Stream<String> entryNames() throws Exception {
        return PackageZips.read(zip).keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entryNames")
    void one_flipped_byte_in_any_entry_is_found_and_named(String entry) throws Exception {
        Path changed = changed(zip, dir, "flip-" + Integer.toHexString(entry.hashCode()),
                e -> e.put(entry, flipped(e.get(entry))));
        FourPropertiesReport report = report(changed);
        assertThat(report.verdict()).isEqualTo("FAILED");
        assertThat(report.failures()).as(report.toJson()).extracting(Finding::subject).contains(entry);
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void a_removed_file_is_found_and_named() throws Exception {
        String file = PackageZips.read(zip).keySet().stream().filter(n -> n.startsWith("files/")).findFirst().orElseThrow();
        FourPropertiesReport report = report(changed(zip, dir, "removed", e -> e.remove(file)));
        assertThat(report.failures()).extracting(Finding::check, Finding::subject)
                .contains(org.assertj.core.groups.Tuple.tuple("ENTRY_PRESENT", file),
                        org.assertj.core.groups.Tuple.tuple("FILE_PRESENT", file));
        assertThat(report.passed(Property.INTEGRITY)).isFalse();
    }

    @Test
    void an_altered_manifest_is_found_and_named_even_when_it_lists_the_substituted_file() throws Exception {
        // Substitute a file and rewrite its manifest entry to match: the manifest's timestamp no longer covers it.
        Path changed = changed(zip, dir, "manifest", e -> {
            String file = e.keySet().stream().filter(n -> n.endsWith(".pdf")).findFirst().orElseThrow();
            byte[] forged = ArchiveFiles.pdf("forged");
            String oldSha = cn.landreserve.workflow.ui.TestFiles.sha256(e.get(file));
            e.put(file, forged);
            e.put(PackageLayout.MANIFEST, new String(e.get(PackageLayout.MANIFEST), StandardCharsets.UTF_8)
                    .replace(oldSha, cn.landreserve.workflow.ui.TestFiles.sha256(forged)).getBytes(StandardCharsets.UTF_8));
        });
        FourPropertiesReport report = report(changed);
        assertThat(report.failures()).extracting(Finding::check, Finding::subject)
                .contains(org.assertj.core.groups.Tuple.tuple("MANIFEST_TIMESTAMP", PackageLayout.MANIFEST));
        assertThat(report.failures()).extracting(Finding::check).contains("FILE_MATCHES_LEDGER");
        PackageZips.Run run = verify(changed);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("FAILED: ").contains("MANIFEST_TIMESTAMP manifest.json");
    }

    @Test
    void a_replaced_timestamp_token_is_found_and_named() throws Exception {
        byte[] otherSealToken = PackageZips.read(otherZip).get(PackageLayout.SEAL_TOKEN);
        FourPropertiesReport report = report(changed(zip, dir, "token", e -> e.put(PackageLayout.SEAL_TOKEN,
                otherSealToken)));
        String sealReceipt = PackageLayout.receipt("seal:" + project.id().value());
        assertThat(report.failures()).extracting(Finding::check, Finding::subject).contains(
                org.assertj.core.groups.Tuple.tuple("SEAL_TIMESTAMP", sealReceipt),
                org.assertj.core.groups.Tuple.tuple("ENTRY_DIGEST", PackageLayout.SEAL_TOKEN));
        assertThat(report.failures()).filteredOn(f -> f.check().equals("SEAL_TIMESTAMP")).first()
                .extracting(Finding::message).asString().contains("timestamps other bytes");
    }

    @Test
    void a_receipt_from_another_project_is_found_and_named() throws Exception {
        Map<String, byte[]> others = PackageZips.read(otherZip);
        String foreign = others.keySet().stream().filter(n -> n.startsWith("receipts/doc-")).findFirst().orElseThrow();
        String mine = PackageZips.read(zip).keySet().stream().filter(n -> n.startsWith("receipts/doc-")).findFirst()
                .orElseThrow();
        // in place of one of ours, under our name
        FourPropertiesReport swapped = report(changed(zip, dir, "swapped", e -> e.put(mine, others.get(foreign))));
        assertThat(swapped.failures()).extracting(Finding::check, Finding::subject)
                .contains(org.assertj.core.groups.Tuple.tuple("RECEIPT_PROJECT", mine));
        assertThat(swapped.failures()).filteredOn(f -> f.check().equals("RECEIPT_PROJECT")).first()
                .extracting(Finding::message).asString().contains("belongs to project " + other.id().value());
        // added beside ours, under its own name
        FourPropertiesReport added = report(changed(zip, dir, "added", e -> e.put(foreign, others.get(foreign))));
        assertThat(added.failures()).extracting(Finding::check, Finding::subject).contains(
                org.assertj.core.groups.Tuple.tuple("RECEIPT_PROJECT", foreign),
                org.assertj.core.groups.Tuple.tuple("UNLISTED_ENTRY", foreign));
    }

    @Test
    void a_project_sealed_without_a_required_document_is_reported_not_integral() throws Exception {
        Project incomplete = new ArchivedProjects(service).sealIncomplete("缺件归档项目");
        JsonNode served = auditor().get("/api/audit/projects/" + incomplete.id().value() + "/archive-package/report")
                .json();
        assertThat(served.get("verdict").asText()).isEqualTo("FAILED");
        assertThat(served.at("/report/properties/INTEGRITY").asText()).isEqualTo("FAIL");
        assertThat(served.at("/report/properties/AUTHENTICITY").asText()).isEqualTo("PASS");

        Path pkg = download(incomplete, "incomplete.zip");
        FourPropertiesReport offline = report(pkg);
        assertThat(offline.passed(Property.INTEGRITY)).isFalse();
        assertThat(offline.passed(Property.AUTHENTICITY)).isTrue();
        assertThat(offline.failures()).filteredOn(f -> f.check().equals("REQUIRED_DOCUMENTS"))
                .extracting(Finding::subject, Finding::message).contains(org.assertj.core.groups.Tuple.tuple(
                        "stage INITIATION 立项", "not integral: missing SITE_TITLE_SURVEY 现状调查及权属调查报告,"
                                + " BUDGET_ESTIMATE 资金测算"));
        assertThat(offline.failures()).extracting(Finding::check, Finding::subject)
                .contains(org.assertj.core.groups.Tuple.tuple("DECISION", "task Task_PrepareInitiation 编制立项材料"));
        PackageZips.Run run = verify(pkg);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("完整性 integrity: FAIL");
    }

    @Test
    void the_timestamp_tokens_check_against_the_tsa_certificate_and_no_other() throws Exception {
        Map<String, byte[]> entries = PackageZips.read(zip);
        byte[] token = entries.get(PackageLayout.MANIFEST_TOKEN);
        byte[] manifest = entries.get(PackageLayout.MANIFEST);
        List<X509Certificate> pinned = Certificates.parsePem(Files.readString(tsa));

        TimestampVerifier.Result ok = new TimestampVerifier(pinned).verify(token, manifest);
        assertThat(ok.status()).isEqualTo(Finding.Status.PASS);
        assertThat(ok.local()).isTrue();
        assertThat(ok.message()).contains("LOCAL time-stamping authority");

        X509Certificate stranger = LocalTimeStampAuthority.openOrCreate(dir.resolve("stranger-tsa")).certificate();
        TimestampVerifier.Result refused = new TimestampVerifier(List.of(stranger)).verify(token, manifest);
        assertThat(refused.status()).isEqualTo(Finding.Status.FAIL);
        assertThat(refused.message()).contains("neither a pinned TSA certificate nor issued by one");

        assertThat(new TimestampVerifier(List.of()).verify(token, manifest).status()).isEqualTo(Finding.Status.UNPINNED);
        PackageZips.Run unpinned = verifyPackage("--package", zip.toString(), "--ca", bundle.toString());
        assertThat(unpinned.exit()).as(unpinned.out()).isEqualTo(3);
        assertThat(unpinned.out()).contains("UNPINNED: nothing failed, but no --tsa was given");

        Path strangerPem = Files.writeString(dir.resolve("stranger.pem"), Certificates.toPem(stranger));
        PackageZips.Run wrongTsa = verifyPackage("--package", zip.toString(), "--ca", bundle.toString(), "--tsa",
                strangerPem.toString());
        assertThat(wrongTsa.exit()).isEqualTo(1);
        assertThat(wrongTsa.out()).contains("FAIL").contains("MANIFEST_TIMESTAMP").contains("SEAL_TIMESTAMP");
    }
}
