/**
 * The {@link cn.landreserve.ledger.EvidenceLedger} port the service uses, its value types and its
 * two exceptions. Engines live in sub-packages; receipts and their verifier in {@code receipt}.
 */
package cn.landreserve.ledger;
