package cn.landreserve.ledger;

/**
 * The ledger's state for operators.
 *
 * @param up whether it accepts work
 * @param engine {@code embedded} or {@code fabric}
 * @param height number of blocks
 * @param lastHeaderHash hex header hash of the last block
 * @param detail a short human explanation (why it is down, or where it lives)
 */
public record LedgerHealth(boolean up, String engine, long height, String lastHeaderHash, String detail) {
}
