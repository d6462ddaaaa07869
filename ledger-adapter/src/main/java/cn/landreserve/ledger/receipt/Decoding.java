package cn.landreserve.ledger.receipt;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/** Decoding a receipt's fields; what cannot be decoded fails the check that needed it. */
final class Decoding {
    private static final HexFormat HEX = HexFormat.of();

    private Decoding() {
    }

    static byte[] base64(Check check, String value, String field) throws CheckFailure {
        try {
            return Base64.getDecoder().decode(Objects.requireNonNull(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CheckFailure(check, field + " is not base64");
        }
    }

    static byte[] hex(Check check, String value, String field) throws CheckFailure {
        try {
            if (value == null || !value.equals(value.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException();
            }
            return HEX.parseHex(value);
        } catch (IllegalArgumentException e) {
            throw new CheckFailure(check, field + " is not lowercase hex");
        }
    }

    static SerializedIdentity identity(Check check, ByteString bytes, String who) throws CheckFailure {
        try {
            return SerializedIdentity.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new CheckFailure(check, who + " identity is unreadable");
        }
    }

    static X509Certificate identityCertificate(Check check, ByteString bytes, String who) throws CheckFailure {
        try {
            return Certificates.parseOne(identity(check, bytes, who).getIdBytes().toString(StandardCharsets.UTF_8));
        } catch (CertificateException e) {
            throw new CheckFailure(check, who + " certificate is unreadable");
        }
    }
}
