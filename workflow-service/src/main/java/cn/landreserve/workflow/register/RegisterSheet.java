package cn.landreserve.workflow.register;

import cn.landreserve.workflow.lifecycle.LifecycleCatalogue;
import cn.landreserve.workflow.lifecycle.LocalizedName;
import cn.landreserve.workflow.lifecycle.Stage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The register's columns and how a row fills them, shared by the CSV and XLSX writers: one header, one row per
 * project, and a last row with the totals (number of projects in the name column, total area in the area column).
 * Headers in Chinese ({@code zh}) or English ({@code en}).
 */
final class RegisterSheet {

    static final String TOTAL_LABEL_ZH = "合计";
    static final String TOTAL_LABEL_EN = "Total";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(RegisterFilter.CHINA);
    private static final Map<String, LocalizedName> STATUS = Map.of(
            "ACTIVE", new LocalizedName("在办", "Active"),
            "REJECTED", new LocalizedName("不予立项", "Rejected"),
            "ARCHIVED", new LocalizedName("已归档", "Archived"));
    private static final Map<String, LocalizedName> ACQUISITION = Map.of(
            "EXPROPRIATION", new LocalizedName("征收", "Expropriation"),
            "PURCHASE", new LocalizedName("收购", "Purchase"),
            "RECOVERY", new LocalizedName("收回", "Recovery"),
            "MIXED", new LocalizedName("多种方式", "More than one"));
    private static final Map<LedgerEvidence.State, LocalizedName> EVIDENCE = Map.of(
            LedgerEvidence.State.ANCHORED, new LocalizedName("已全部上链", "All anchored"),
            LedgerEvidence.State.PENDING, new LocalizedName("部分待上链", "Some pending"),
            LedgerEvidence.State.MISMATCH, new LocalizedName("数据库与账本不一致", "Database and ledger disagree"),
            LedgerEvidence.State.LEDGER_UNAVAILABLE, new LocalizedName("账本暂不可用", "Ledger unavailable"));

    private final List<Stage> stages;
    private final boolean english;

    RegisterSheet(LifecycleCatalogue catalogue, boolean english) {
        this.stages = catalogue.stages();
        this.english = english;
    }

    List<String> header() {
        List<String> h = new ArrayList<>(english
                ? List.of("Code", "Name", "District", "Area (m²)", "Former industrial", "Acquisition type", "Stage",
                        "Status", "Recorded on", "Entered the reserve")
                : List.of("项目编号", "项目名称", "所在区县", "面积（平方米）", "原工业用地", "取得方式", "当前阶段", "项目状态",
                        "登记日期", "入库日期"));
        for (Stage s : stages) {
            h.add(english ? s.name().en() + " from" : s.name().zh() + "开始日期");
        }
        h.addAll(english
                ? List.of("Evidence status (ledger)", "Evidence items recorded", "Anchored per ledger",
                        "Anchored per database", "Only on the ledger", "Claimed anchored, not on the ledger",
                        "Sealed at (ledger)", "Seal transaction (ledger)", "Sealed at (database)")
                : List.of("证据状态（账本）", "登记证据条数", "账本已上链条数", "数据库记为已上链条数", "仅在账本的条数",
                        "数据库记为已上链但账本没有", "封存时间（账本）", "封存交易号（账本）", "封存时间（数据库）"));
        return h;
    }

    /** The cells of a row: String, BigDecimal, Long or LocalDate (null: empty). */
    List<Object> cells(RegisterRow r) {
        List<Object> c = new ArrayList<>();
        c.add(r.code());
        c.add(r.name());
        c.add(r.district());
        c.add(r.areaSquareMeters());
        c.add(yesNo(r.formerIndustrial()));
        c.add(r.acquisitionType() == null ? null : pick(ACQUISITION.get(r.acquisitionType())));
        c.add(stages.stream().filter(s -> s.code().equals(r.stage())).findFirst().map(s -> pick(s.name())).orElse(r.stage()));
        c.add(pick(STATUS.get(r.status())));
        c.add(r.recordedOn());
        c.add(r.entryDate());
        for (Stage s : stages) {
            c.add(r.stageDates().get(s.code()));
        }
        LedgerEvidence.Status e = r.evidence();
        c.add(pick(EVIDENCE.get(e.state())));
        c.add(e.recordedItems());
        c.add(e.anchoredItems());
        c.add(e.recordedAnchored());
        c.add(e.ledgerOnlyItems());
        c.add(e.claimedNotOnLedger().isEmpty() ? null : String.join(" ", e.claimedNotOnLedger()));
        c.add(e.sealedAt() == null ? null : time(e.sealedAt()));
        c.add(e.sealTxId());
        c.add(e.sealRecordedAt() == null ? null : time(e.sealRecordedAt()));
        return c;
    }

    List<Object> totals(ReserveQueries.Totals totals) {
        List<Object> c = new ArrayList<>();
        c.add(english ? TOTAL_LABEL_EN : TOTAL_LABEL_ZH);
        c.add(totals.projects());
        c.add(null);
        c.add(totals.area());
        while (c.size() < header().size()) {
            c.add(null);
        }
        return c;
    }

    private String yesNo(boolean b) {
        return english ? (b ? "yes" : "no") : (b ? "是" : "否");
    }

    private String pick(LocalizedName name) {
        return name == null ? null : english ? name.en() : name.zh();
    }

    static String time(Instant i) {
        return TIME.format(i);
    }

    /** A cell as text (CSV): dates ISO, numbers plain. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        return value.toString();
    }
}
