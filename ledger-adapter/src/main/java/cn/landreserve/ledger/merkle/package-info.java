/** RFC 6962 Merkle trees: hashing, building inclusion proofs, and verifying them. */
package cn.landreserve.ledger.merkle;
