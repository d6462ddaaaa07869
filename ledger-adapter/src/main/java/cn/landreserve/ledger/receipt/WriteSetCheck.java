package cn.landreserve.ledger.receipt;

import static cn.landreserve.ledger.receipt.CheckFailure.require;

import cn.landreserve.chaincode.StateKeys;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Arrays;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;

/** {@link Check#WRITE_SET}: the chaincode succeeded and wrote the record's exact bytes under its evidence key. */
final class WriteSetCheck {
    private WriteSetCheck() {
    }

    /** The transaction's one action, for its endorsements. */
    static ChaincodeActionPayload verify(Receipt r, EnvelopeCheck.Parsed transaction, byte[] recordBytes)
            throws CheckFailure {
        ChaincodeActionPayload actionPayload;
        ChaincodeAction action;
        try {
            Transaction tx = Transaction.parseFrom(transaction.payload().getData());
            require(Check.WRITE_SET, tx.getActionsCount() == 1, "expected one transaction action");
            actionPayload = ChaincodeActionPayload.parseFrom(tx.getActions(0).getPayload());
            action = ChaincodeAction.parseFrom(ProposalResponsePayload
                    .parseFrom(actionPayload.getAction().getProposalResponsePayload()).getExtension());
        } catch (InvalidProtocolBufferException e) {
            throw new CheckFailure(Check.WRITE_SET, "transaction payload is unreadable");
        }
        require(Check.WRITE_SET, action.getResponse().getStatus() == 200,
                "chaincode response status is " + action.getResponse().getStatus());
        require(Check.WRITE_SET, writes(action, r.chaincode(), StateKeys.evidence(r.evidenceId()), recordBytes),
                "the transaction does not write these record bytes under evidence " + r.evidenceId());
        return actionPayload;
    }

    private static boolean writes(ChaincodeAction action, String chaincode, String key, byte[] value)
            throws CheckFailure {
        boolean written = false;
        try {
            for (NsReadWriteSet ns : TxReadWriteSet.parseFrom(action.getResults()).getNsRwsetList()) {
                if (!ns.getNamespace().equals(chaincode)) {
                    continue;
                }
                for (KVWrite write : KVRWSet.parseFrom(ns.getRwset()).getWritesList()) {
                    if (write.getKey().equals(key) && !write.getIsDelete()
                            && Arrays.equals(write.getValue().toByteArray(), value)) {
                        written = true;
                    }
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw new CheckFailure(Check.WRITE_SET, "read-write set is unreadable");
        }
        return written;
    }
}
