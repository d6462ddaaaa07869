package cn.landreserve.workflow.transparency;

import java.time.Instant;

/** The data of a printable certificate for one published document, and where its QR code points. */
record Certificate(String evidenceId, String projectId, String projectCode, String projectName, String stage,
        String documentType, Integer version, String sha256, String sm3, Instant anchoredAt, String txId,
        Long blockNumber, String verifyUrl) {}
