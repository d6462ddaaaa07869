package cn.landreserve.workflow.admin;

import java.time.Instant;

/** An account as the administrators see it (never its password hash). */
public record Account(String username, String displayName, String role, String department, boolean enabled,
        boolean federated, boolean locked, Instant lockedUntil, boolean mustChangePassword, Instant passwordChangedAt,
        Instant lastLoginAt, Instant createdAt) {}
