package cn.landreserve.workflow.project;

public enum ProjectStatus {
    ACTIVE,
    REJECTED,
    ARCHIVED
}
