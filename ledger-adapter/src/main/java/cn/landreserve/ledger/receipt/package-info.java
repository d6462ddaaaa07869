/**
 * Receipts: the self-contained JSON format ({@link cn.landreserve.ledger.receipt.Receipt}), building
 * one from a Fabric block ({@link cn.landreserve.ledger.receipt.ReceiptBuilder}), checking one
 * offline ({@link cn.landreserve.ledger.receipt.ReceiptVerifier}) and the command line
 * ({@link cn.landreserve.ledger.receipt.VerifyCommand}).
 */
package cn.landreserve.ledger.receipt;
