package cn.landreserve.chaincode;

import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * The contract refused a request by one of its rules. The code is a field, so whoever runs the contract in-process
 * (the embedded ledger, the tests) reads {@link #code()}.
 *
 * <p>On Fabric only text leaves the peer: the shim turns the exception into an error response whose message the
 * peer's gateway forwards as {@code chaincode response 500, <message>} (the response payload does not travel in an
 * endorsement's error details). So the message is {@code CODE: detail} — the code once, first, in its enum name —
 * and the Fabric engine reads it back in exactly one place ({@code cn.landreserve.ledger.fabric.ChaincodeMessages}).
 * The payload is the code's name as well, for clients that receive the response itself.
 */
public final class ContractRejection extends ChaincodeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    ContractRejection(ErrorCode code, String detail) {
        super(code.name() + ": " + detail, code.name());
        this.code = code;
    }

    /** The rule that refused the request. */
    public ErrorCode code() {
        return code;
    }
}
