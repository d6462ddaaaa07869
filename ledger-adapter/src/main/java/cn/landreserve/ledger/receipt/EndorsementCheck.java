package cn.landreserve.ledger.receipt;

import static cn.landreserve.ledger.receipt.CheckFailure.require;

import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;

/** {@link Check#ENDORSEMENT}: every endorsement signature verifies, and the receipt shows exactly those. */
final class EndorsementCheck {
    private EndorsementCheck() {
    }

    /** The endorsers' certificates by name, for the certificate chain. */
    static Map<String, X509Certificate> verify(Receipt r, ChaincodeActionPayload action) throws CheckFailure {
        List<Endorsement> endorsements = action.getAction().getEndorsementsList();
        require(Check.ENDORSEMENT, !endorsements.isEmpty(), "the transaction has no endorsement");
        require(Check.ENDORSEMENT, endorsements.size() == r.endorsements().size(),
                "receipt lists " + r.endorsements().size() + " endorsements, the transaction has " + endorsements.size());
        Map<String, X509Certificate> endorsers = new LinkedHashMap<>();
        for (int i = 0; i < endorsements.size(); i++) {
            Endorsement endorsement = endorsements.get(i);
            SerializedIdentity endorser = Decoding.identity(Check.ENDORSEMENT, endorsement.getEndorser(),
                    "endorser " + i);
            X509Certificate cert = Decoding.identityCertificate(Check.ENDORSEMENT, endorsement.getEndorser(),
                    "endorser " + i);
            byte[] signed = FabricBlocks.endorsementInput(action.getAction().getProposalResponsePayload(),
                    endorsement.getEndorser());
            require(Check.ENDORSEMENT, Certificates.verifies(cert, signed, endorsement.getSignature().toByteArray()),
                    "endorsement " + i + " by " + endorser.getMspid() + " does not verify");
            Receipt.Endorsement shown = r.endorsements().get(i);
            require(Check.ENDORSEMENT, shown != null && endorser.getMspid().equals(shown.mspId())
                    && endorser.getIdBytes().toStringUtf8().equals(shown.certificate())
                    && Base64.getEncoder().encodeToString(endorsement.getSignature().toByteArray())
                            .equals(shown.signature()),
                    "receipt's endorsement " + i + " differs from the one in the transaction");
            endorsers.put("endorser " + endorser.getMspid() + " #" + i, cert);
        }
        return endorsers;
    }
}
