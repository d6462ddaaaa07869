package cn.landreserve.workflow.archive;

import cn.landreserve.chaincode.SealRecord;
import cn.landreserve.ledger.archive.PackageManifest;
import cn.landreserve.workflow.project.Project;
import java.util.List;

/**
 * The manifest as XML, in the spirit of DA/T 48-2009's encapsulation (封装包): a description of the archived object
 * (项目), its seal as the signature block, and one entry per packaged file with its digests. Not a validated DA/T 48
 * instance: the JSON manifest is the one the verifier reads; this is for archives' systems and people.
 */
final class ManifestXml {

    private ManifestXml() {
    }

    static String render(Project project, SealRecord seal, String builtAt, List<PackageManifest.Entry> entries) {
        StringBuilder x = new StringBuilder(4096);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<封装包 格式=\"landreserve-archive-package/1\" 参照标准=\"DA/T 48-2009\">\n");
        x.append("  <被签名对象>\n    <封装包类型>原始型</封装包类型>\n    <封装包创建时间>").append(ReportPage.esc(builtAt))
                .append("</封装包创建时间>\n");
        x.append("    <电子文件对象 类型=\"土地储备项目\">\n");
        el(x, "项目标识", project.id().value());
        el(x, "项目编号", project.code());
        el(x, "项目名称", project.name());
        el(x, "所在区域", project.district());
        el(x, "原工业用地", String.valueOf(project.formerIndustrial()));
        x.append("      <文件列表>\n");
        for (PackageManifest.Entry e : entries) {
            x.append("        <文件 路径=\"").append(ReportPage.esc(e.path())).append("\" 角色=\"").append(e.role())
                    .append("\" 大小=\"").append(e.size()).append("\">\n");
            x.append("          <摘要 算法=\"SHA-256\">").append(e.sha256()).append("</摘要>\n");
            x.append("          <摘要 算法=\"SM3\">").append(e.sm3()).append("</摘要>\n");
            x.append("        </文件>\n");
        }
        x.append("      </文件列表>\n    </电子文件对象>\n  </被签名对象>\n");
        x.append("  <电子签名块>\n    <签名方式>账本封存（RFC 6962 默克尔根）与可信时间戳（RFC 3161 / GB/T 20520）</签名方式>\n");
        el(x, "封存记录", seal.evidenceId());
        el(x, "封存根哈希", seal.root());
        el(x, "覆盖证据数", String.valueOf(seal.evidenceCount()));
        el(x, "封存时间", seal.sealedAt());
        x.append("    <时间戳 文件=\"timestamps/seal.tst\"/>\n  </电子签名块>\n</封装包>\n");
        return x.toString();
    }

    private static void el(StringBuilder x, String name, String value) {
        x.append("      <").append(name).append(">").append(ReportPage.esc(value)).append("</").append(name).append(">\n");
    }
}
