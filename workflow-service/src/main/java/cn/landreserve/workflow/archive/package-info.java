/**
 * The archive package (归档包) of a sealed project: built after the seal by {@code Task_BuildArchivePackage}
 * ({@link cn.landreserve.workflow.archive.ArchivePackageBuilder}), kept in the object store, timestamped by a
 * time-stamping authority ({@link cn.landreserve.workflow.archive.TrustedTime}: configured RFC 3161 services, or
 * the service's own {@link cn.landreserve.workflow.archive.LocalTimeStampAuthority}), with its 四性检测 report, and
 * served to auditors ({@code GET /api/audit/projects/{id}/archive-package}). The offline checks themselves live in
 * ledger-adapter's {@code cn.landreserve.ledger.archive}, so the service and the auditor's verifier run the same code.
 */
package cn.landreserve.workflow.archive;
