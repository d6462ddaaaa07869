package cn.landreserve.ledger.embedded;

import cn.landreserve.chaincode.EvidenceContract;
import java.time.Clock;
import java.util.Objects;

/**
 * Settings of the embedded ledger.
 *
 * @param channel channel name written into every transaction
 * @param chaincode chaincode name (the state namespace)
 * @param writerMsp MSP id of the organisation whose identity may write
 * @param anchoredBy the {@code anchoredBy} of batch records this ledger anchors
 * @param maxBlockTransactions most transactions in one block (keeps receipts small)
 * @param maxBlockBytes most envelope bytes in one block
 * @param clock source of transaction timestamps
 */
public record EmbeddedLedgerOptions(String channel, String chaincode, String writerMsp, String anchoredBy,
        int maxBlockTransactions, int maxBlockBytes, Clock clock) {

    /** Checks the values. */
    public EmbeddedLedgerOptions {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(chaincode, "chaincode");
        Objects.requireNonNull(writerMsp, "writerMsp");
        Objects.requireNonNull(anchoredBy, "anchoredBy");
        Objects.requireNonNull(clock, "clock");
        if (maxBlockTransactions < 1 || maxBlockBytes < 1) {
            throw new IllegalArgumentException("block limits must be positive");
        }
    }

    /** Channel {@code landreserve}, chaincode {@code evidence}, writer {@code ReserveBureauMSP}, 250 tx or 8 MiB per block. */
    public static EmbeddedLedgerOptions defaults() {
        return new EmbeddedLedgerOptions("landreserve", "evidence", EvidenceContract.DEFAULT_WRITER_MSP,
                "evidence-service", 250, 8 * 1024 * 1024, Clock.systemUTC());
    }

    /** The same options with another writer MSP id. */
    public EmbeddedLedgerOptions withWriterMsp(String msp) {
        return new EmbeddedLedgerOptions(channel, chaincode, msp, anchoredBy, maxBlockTransactions, maxBlockBytes, clock);
    }

    /** The same options with another clock. */
    public EmbeddedLedgerOptions withClock(Clock newClock) {
        return new EmbeddedLedgerOptions(channel, chaincode, writerMsp, anchoredBy, maxBlockTransactions,
                maxBlockBytes, newClock);
    }
}
