package cn.landreserve.workflow.archive;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.ledger.archive.Finding;
import cn.landreserve.ledger.archive.FourPropertiesReport;
import cn.landreserve.ledger.archive.PackageLayout;
import cn.landreserve.ledger.fabric.GatewayDouble;
import cn.landreserve.ledger.receipt.Receipt;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.support.ApiClient;
import cn.landreserve.workflow.support.TestService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The service in fabric mode against the gateway double (the real contract behind Fabric's gateway protocol, blocks
 * signed by an orderer of its own organisation): an archived project's package verifies offline exactly as on the
 * embedded engine, its receipts are Fabric's and pinned to the network's trust bundle (both organisations' CAs and
 * the orderer's), and one changed file is found.
 */
@Timeout(600)
class ArchivePackageFabricTest {

    static final String PASSWORD = "archive-fabric-pass";

    @Test
    void a_package_built_on_the_fabric_engine_verifies_offline_the_same_way() throws Exception {
        Path dir = Files.createTempDirectory("archive-fabric");
        try (GatewayDouble gateway = GatewayDouble.start(Files.createDirectories(dir.resolve("gateway")))) {
            ConfigurableApplicationContext service = TestService.start(dir.resolve("data"),
                    "camunda.bpm.job-execution.enabled=false", "reserve.demo.password=" + PASSWORD,
                    "reserve.demo.sample-projects=false", "reserve.workflow.anchor-retry-cycle=R3/PT0S",
                    "reserve.workflow.document-anchor-interval=PT24H", "reserve.workflow.anchor-recovery-interval=PT24H",
                    "reserve.access-log.anchor-interval=PT24H", "reserve.ledger.mode=fabric",
                    "reserve.ledger.fabric.connection-file=" + gateway.connectionFile(),
                    "reserve.ledger.fabric.retry-backoff=10ms");
            try {
                Project project = new ArchivedProjects(service).archive("Fabric 归档项目", false);
                int port = Integer.parseInt(service.getBean(Environment.class).getProperty("local.server.port"));
                ApiClient auditor = ApiClient.as(port, "auditor", PASSWORD);
                ApiClient.Response pkg = auditor.get("/api/audit/projects/" + project.id().value() + "/archive-package");
                assertThat(pkg.status()).as(pkg.text()).isEqualTo(200);
                Path zip = Files.write(dir.resolve("fabric-package.zip"), pkg.body());
                Path bundle = Files.write(dir.resolve("trust-bundle.pem"), auditor.get("/api/audit/trust-bundle").body());
                Path tsa = Files.write(dir.resolve("tsa.pem"), auditor.get("/api/audit/tsa-certificate").body());

                PackageZips.Run run = PackageZips.verifyPackage("--package", zip.toString(), "--ca", bundle.toString(),
                        "--tsa", tsa.toString());
                assertThat(run.exit()).as(run.out()).isZero();
                assertThat(run.out()).contains("OK: the archive package of project " + project.id().value());

                Map<String, byte[]> entries = PackageZips.read(zip);
                Receipt seal = Receipt.parse(new String(entries.get(PackageLayout.receipt("seal:" + project.id().value())),
                        StandardCharsets.UTF_8));
                assertThat(seal.engine()).isEqualTo("fabric");
                assertThat(seal.caCertificates()).hasSize(3);

                String file = entries.keySet().stream().filter(n -> n.startsWith("files/")).findFirst().orElseThrow();
                FourPropertiesReport changed = PackageZips.report(PackageZips.changed(zip, dir, "fabric-flip",
                        e -> e.put(file, PackageZips.flipped(e.get(file)))), bundle, tsa);
                assertThat(changed.failures()).extracting(Finding::check, Finding::subject).contains(
                        org.assertj.core.groups.Tuple.tuple("ENTRY_DIGEST", file),
                        org.assertj.core.groups.Tuple.tuple("FILE_MATCHES_LEDGER", file));
            } finally {
                service.close();
            }
        }
    }
}
