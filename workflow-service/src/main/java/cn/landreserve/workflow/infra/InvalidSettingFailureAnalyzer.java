package cn.landreserve.workflow.infra;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a bad setting into Spring Boot's short "APPLICATION FAILED TO START" report. It never advises unsetting a
 * setting: without it the service would start embedded parts, empty, beside the data the setting pointed at.
 */
class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
        String reason = cause.getCause() == null ? "" : " Cause: " + rootMessage(cause.getCause());
        return new FailureAnalysis(
                "Invalid setting " + cause.getMessage() + reason,
                "Fix " + cause.property() + " (environment variable "
                        + InvalidSettingException.environmentVariable(cause.property())
                        + "). See the configuration table in README.md.",
                cause);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
