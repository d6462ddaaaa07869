package cn.landreserve.ledger.fabric;

import cn.landreserve.chaincode.ErrorCode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the contract's stable error code out of what a Fabric peer reports for a failed chaincode
 * call. The peer's gateway forwards the chaincode response message as
 * {@code chaincode response 500, CODE: detail} (in an endorsement error detail, or in an evaluate
 * error's description); the contract starts every rejection message with its {@link ErrorCode}.
 */
final class ChaincodeMessages {
    private static final Pattern CHAINCODE_RESPONSE = Pattern.compile("chaincode response (\\d{3}), ");

    private ChaincodeMessages() {
    }

    /**
     * The contract's code in a peer's message, or {@code null} when the message is not a chaincode
     * rejection (transport errors, policy failures, crashes).
     */
    static ErrorCode errorCode(String peerMessage) {
        if (peerMessage == null) {
            return null;
        }
        Matcher m = CHAINCODE_RESPONSE.matcher(peerMessage);
        if (m.find()) {
            return ErrorCode.fromMessage(peerMessage.substring(m.end()));
        }
        return ErrorCode.fromMessage(peerMessage);
    }

    /** The chaincode's own message (from its code on), or the whole text when there is none. */
    static String chaincodeMessage(String peerMessage) {
        Matcher m = CHAINCODE_RESPONSE.matcher(peerMessage);
        return m.find() ? peerMessage.substring(m.end()) : peerMessage;
    }
}
