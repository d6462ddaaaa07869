package cn.landreserve.ledger;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The ledger's state for operators.
 *
 * @param status UP (accepts work), DEGRADED (answers reads, but cannot anchor: an organisation whose endorsement
 *     the policy requires cannot be reached) or DOWN
 * @param engine {@code embedded} or {@code fabric}
 * @param height number of blocks
 * @param lastHeaderHash hex header hash of the last block
 * @param unreachableOrganisations when DEGRADED, the MSP ids of the organisations that cannot be reached
 * @param detail a short human explanation (why it is down or degraded, or where it lives)
 */
public record LedgerHealth(Status status, String engine, long height, String lastHeaderHash,
        List<String> unreachableOrganisations, String detail) {

    /** How well the ledger works. */
    public enum Status {
        /** Reads and anchoring work. */
        UP,
        /** Reads work, anchoring cannot (a required organisation cannot be reached). */
        DEGRADED,
        /** Nothing works. */
        DOWN
    }

    /** Copies the list. */
    public LedgerHealth {
        unreachableOrganisations = List.copyOf(unreachableOrganisations);
    }

    /** UP or DOWN, with every organisation reachable as far as is known. */
    public LedgerHealth(boolean up, String engine, long height, String lastHeaderHash, String detail) {
        this(up ? Status.UP : Status.DOWN, engine, height, lastHeaderHash, List.of(), detail);
    }

    /** DEGRADED: the ledger answers, but {@code unreachable} organisations' peers do not, so nothing can be endorsed. */
    public static LedgerHealth degraded(String engine, long height, String lastHeaderHash, List<String> unreachable,
            String detail) {
        return new LedgerHealth(Status.DEGRADED, engine, height, lastHeaderHash, unreachable, detail);
    }

    /** Whether the ledger accepts work (anchoring as well as reads): only when UP. */
    @JsonProperty("up")
    public boolean up() {
        return status == Status.UP;
    }
}
