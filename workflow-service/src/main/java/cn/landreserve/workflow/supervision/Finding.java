package cn.landreserve.workflow.supervision;

/** What an inspector found on the land. Anything but {@link #NORMAL} opens a rectification. */
public enum Finding {
    NORMAL,
    /** 违法占用 */
    OCCUPATION,
    /** 倾倒垃圾渣土 */
    DUMPING,
    /** 围挡、设施损坏 */
    DAMAGE,
    /** 火灾隐患 */
    FIRE_RISK,
    OTHER;

    public boolean needsRectification() {
        return this != NORMAL;
    }
}
