package cn.landreserve.workflow.archive;

import cn.landreserve.chaincode.SealRecord;
import cn.landreserve.ledger.archive.Finding;
import cn.landreserve.ledger.archive.FourPropertiesReport;
import cn.landreserve.ledger.archive.Property;
import cn.landreserve.workflow.project.Project;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * The 四性检测 report as a printable zh-CN page (A4, one table per property), kept in the package and served to
 * auditors. Its one style block is allowed by its hash ({@link #CSP}); it runs no script.
 */
final class ReportPage {

    static final String STYLE = "body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em;color:#111}"
            + "h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.5em}table{border-collapse:collapse;width:100%}"
            + "td,th{border:1px solid #999;padding:.25em .4em;font-size:.85em;vertical-align:top;text-align:left}"
            + ".PASS{color:#065f2c}.FAIL{color:#b00020;font-weight:bold}.UNPINNED,.NOT_CHECKED{color:#8a5a00}"
            + "dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dt{font-weight:bold}"
            + "@media print{body{margin:0}@page{size:A4;margin:15mm}}";
    /** The page's content security policy: nothing but its own style block. */
    static final String CSP = "default-src 'none'; style-src 'sha256-" + sha256Base64(STYLE) + "'";

    private ReportPage() {
    }

    static String render(Project project, SealRecord seal, FourPropertiesReport report, TrustedTime.Stamp sealStamp) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>电子档案四性检测报告 ")
                .append(esc(project.code())).append("</title><style>").append(STYLE).append("</style></head><body>");
        h.append("<h1>电子档案四性检测报告（DA/T 70-2018）</h1><dl>");
        row(h, "项目编号", project.code());
        row(h, "项目名称", project.name());
        row(h, "所在区域", project.district());
        row(h, "封存记录", seal.evidenceId());
        row(h, "封存根哈希（RFC 6962）", seal.root());
        row(h, "覆盖证据数", String.valueOf(seal.evidenceCount()));
        row(h, "封存时间（服务时钟）", seal.sealedAt());
        row(h, "可信时间（RFC 3161 / GB/T 20520）", sealStamp.time() + " · " + sealStamp.tsa()
                + (sealStamp.local() ? " · 本地时间戳服务（LOCAL，非独立时间源）" : " · 外部时间戳服务 " + sealStamp.source()));
        row(h, "检测结论", verdict(report.verdict()));
        h.append("</dl>");
        h.append("<table><tr><th>检测项</th><th>结论</th><th>检测数</th><th>未通过</th></tr>");
        for (Property p : Property.values()) {
            List<Finding> of = report.findings().stream().filter(f -> f.property() == p).toList();
            long failed = of.stream().filter(f -> f.status() == Finding.Status.FAIL).count();
            h.append("<tr><td>").append(p.zh()).append("</td><td class=\"").append(failed == 0 ? "PASS" : "FAIL")
                    .append("\">").append(failed == 0 ? "通过" : "未通过").append("</td><td>").append(of.size())
                    .append("</td><td>").append(failed).append("</td></tr>");
        }
        h.append("</table>");
        for (Property p : Property.values()) {
            h.append("<h2>").append(p.zh()).append("检测</h2><table><tr><th>检测</th><th>对象</th><th>结果</th>"
                    + "<th>说明</th></tr>");
            for (Finding f : report.findings()) {
                if (f.property() != p) {
                    continue;
                }
                h.append("<tr><td>").append(esc(f.check())).append("</td><td>").append(esc(f.subject()))
                        .append("</td><td class=\"").append(f.status().name()).append("\">").append(status(f.status()))
                        .append("</td><td>").append(esc(f.message())).append("</td></tr>");
            }
            h.append("</table>");
        }
        h.append("<p>离线复核：<code>java -jar receipt-verifier.jar verify-package --package 归档包.zip --ca "
                + "trust-bundle.pem --tsa tsa-certificate.pem</code></p></body></html>");
        return h.toString();
    }

    private static String verdict(String v) {
        return switch (v) {
            case "OK" -> "通过";
            case "UNPINNED" -> "未发现问题，但证书未固定（UNPINNED）";
            default -> "未通过";
        };
    }

    private static String status(Finding.Status s) {
        return switch (s) {
            case PASS -> "通过";
            case FAIL -> "未通过";
            case UNPINNED -> "未固定";
            case NOT_CHECKED -> "未检测";
        };
    }

    private static void row(StringBuilder h, String label, String value) {
        h.append("<dt>").append(label).append("</dt><dd>").append(esc(value)).append("</dd>");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String sha256Base64(String s) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
