/**
 * The archive package (归档包) of a sealed project, read offline: its layout ({@link cn.landreserve.ledger.archive.PackageLayout}),
 * the 四性检测 (authenticity, integrity, usability, security; DA/T 70) as findings
 * ({@link cn.landreserve.ledger.archive.FourPropertiesReport}), RFC 3161 / GB/T 20520 timestamp tokens checked
 * against a TSA certificate ({@link cn.landreserve.ledger.archive.TimestampVerifier}), per-media-type checks
 * ({@link cn.landreserve.ledger.archive.MediaChecks}) and the package verifier
 * ({@link cn.landreserve.ledger.archive.PackageVerifier}, command {@code verify-package}). The receipts inside a
 * package are checked by the receipt verifier, unchanged.
 */
package cn.landreserve.ledger.archive;
