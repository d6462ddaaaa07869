package cn.landreserve.workflow.security;

import java.util.Arrays;
import java.util.Optional;

/** The departments that review a land reserve project in parallel. */
public enum Department {
    NATURAL_RESOURCES("natural-resources", "自然资源和规划局"),
    ECOLOGY_ENVIRONMENT("ecology-environment", "生态环境局"),
    FINANCE("finance", "财政局");

    private final String slug;
    private final String zh;

    Department(String slug, String zh) {
        this.slug = slug;
        this.zh = zh;
    }

    public String slug() {
        return slug;
    }

    public String zh() {
        return zh;
    }

    public static Optional<Department> fromSlug(String slug) {
        return Arrays.stream(values()).filter(d -> d.slug.equals(slug)).findFirst();
    }
}
