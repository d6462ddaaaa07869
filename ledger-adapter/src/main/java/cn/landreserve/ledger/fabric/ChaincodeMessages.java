package cn.landreserve.ledger.fabric;

import cn.landreserve.chaincode.ErrorCode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that reads the contract's error code out of what a Fabric peer reports for a refused chaincode
 * call. Only text leaves the peer: its gateway forwards the chaincode's error response as
 * {@code chaincode response 500, CODE: detail} (in an endorsement error detail, or in an evaluate error's
 * description), and the contract writes its {@link ErrorCode} first in that message
 * ({@link cn.landreserve.chaincode.ContractRejection}). Nothing else in the engine reads message text.
 */
final class ChaincodeMessages {
    private static final Pattern CHAINCODE_RESPONSE = Pattern.compile("chaincode response (\\d{3}), ");
    private static final Pattern CODE = Pattern.compile("([A-Z_]+)(?::|$)");

    /**
     * A rejection by the contract as a peer reported it.
     *
     * @param code the contract's code
     * @param message the contract's own message (from its code on)
     */
    record Rejection(ErrorCode code, String message) {
    }

    private ChaincodeMessages() {
    }

    /**
     * The contract's rejection in a peer's message, or {@code null} when the message is not one (transport errors,
     * policy failures, crashes).
     */
    static Rejection rejection(String peerMessage) {
        if (peerMessage == null) {
            return null;
        }
        Matcher response = CHAINCODE_RESPONSE.matcher(peerMessage);
        String message = response.find() ? peerMessage.substring(response.end()) : peerMessage;
        Matcher code = CODE.matcher(message);
        if (!code.lookingAt()) {
            return null;
        }
        for (ErrorCode candidate : ErrorCode.values()) {
            if (candidate.name().equals(code.group(1))) {
                return new Rejection(candidate, message);
            }
        }
        return null;
    }
}
