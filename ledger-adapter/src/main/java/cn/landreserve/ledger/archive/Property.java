package cn.landreserve.ledger.archive;

/** The four properties of DA/T 70-2018's 四性检测. */
public enum Property {
    /** 真实性: each file and record is what the ledger and the timestamps say was archived. */
    AUTHENTICITY("真实性"),
    /** 完整性: nothing missing, nothing added; every required document and decision; the seal covers exactly this. */
    INTEGRITY("完整性"),
    /** 可用性: each file opens as its media type. */
    USABILITY("可用性"),
    /** 安全性: no encryption or active content; each file's classification recorded. */
    SECURITY("安全性");

    private final String zh;

    Property(String zh) {
        this.zh = zh;
    }

    /** The Chinese name, as printed in reports. */
    public String zh() {
        return zh;
    }
}
