package cn.landreserve.workflow.lifecycle;

/** A kind of document a stage produces, e.g. 项目实施方案. */
public record DocumentType(String type, String zh, String en, DocumentRule rule, String group) {

    public boolean requiredFor(boolean formerIndustrial) {
        return rule == DocumentRule.REQUIRED || (rule == DocumentRule.REQUIRED_IF_FORMER_INDUSTRIAL && formerIndustrial);
    }
}
