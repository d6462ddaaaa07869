/**
 * The embedded ledger: the evidence contract run in-process over Fabric-format, hash-chained,
 * signed blocks on local disk, verified at every start.
 */
package cn.landreserve.ledger.embedded;
