/**
 * The evidence contract ({@link cn.landreserve.chaincode.EvidenceContract}), its records, canonical
 * JSON state and error codes: the one rulebook that Fabric peers and the embedded ledger both run.
 */
package cn.landreserve.chaincode;
