package cn.landreserve.ledger.receipt;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.hyperledger.fabric.protos.common.BlockHeader;

/**
 * Fabric's hashing and signing inputs, written once for the embedded engine, a Fabric engine and
 * the verifier: block data hash, header bytes and hash, what an endorser and an orderer sign, and
 * how a transaction id is derived.
 */
public final class FabricBlocks {
    private FabricBlocks() {
    }

    /** SHA-256 over the concatenated envelope bytes, as Fabric computes a block's data hash. */
    public static byte[] dataHash(List<ByteString> envelopes) {
        MessageDigest digest = sha256();
        for (ByteString envelope : envelopes) {
            digest.update(envelope.asReadOnlyByteBuffer());
        }
        return digest.digest();
    }

    /** DER SEQUENCE { INTEGER number, OCTET STRING previous_hash, OCTET STRING data_hash }. */
    public static byte[] headerBytes(long number, byte[] previousHash, byte[] dataHash) {
        try {
            return new DERSequence(new ASN1Encodable[] {
                new ASN1Integer(number), new DEROctetString(previousHash), new DEROctetString(dataHash)
            }).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The DER header bytes of a protobuf block header. */
    public static byte[] headerBytes(BlockHeader header) {
        return headerBytes(header.getNumber(), header.getPreviousHash().toByteArray(), header.getDataHash().toByteArray());
    }

    /** SHA-256 of the DER header bytes: what the next block names as its previous hash. */
    public static byte[] headerHash(BlockHeader header) {
        return sha256().digest(headerBytes(header));
    }

    /** What an orderer signs for a block: metadata value ‖ signature header ‖ header bytes. */
    public static byte[] blockSignatureInput(ByteString metadataValue, ByteString signatureHeader, BlockHeader header) {
        return concat(metadataValue.toByteArray(), signatureHeader.toByteArray(), headerBytes(header));
    }

    /** What an endorser signs: proposal response payload ‖ serialized endorser identity. */
    public static byte[] endorsementInput(ByteString proposalResponsePayload, ByteString endorser) {
        return concat(proposalResponsePayload.toByteArray(), endorser.toByteArray());
    }

    /** A transaction id: hex SHA-256 of nonce ‖ serialized creator. */
    public static String txId(byte[] nonce, byte[] creator) {
        MessageDigest digest = sha256();
        digest.update(nonce);
        digest.update(creator);
        return HexFormat.of().formatHex(digest.digest());
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
