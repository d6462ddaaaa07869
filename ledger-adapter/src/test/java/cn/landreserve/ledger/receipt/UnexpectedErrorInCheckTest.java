package cn.landreserve.ledger.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An error no check foresaw fails the check it happened in, by name; it is not passed off as an unreadable receipt. */
@Timeout(30)
class UnexpectedErrorInCheckTest {

    @Test
    void a_timestamp_beyond_any_instant_fails_the_envelope_check_naming_it() throws Exception {
        Path dir = Path.of(getClass().getResource("/vectors/receipts").toURI());
        ObjectNode receipt = (ObjectNode) VectorGenerator.tree(Files.readString(dir.resolve("document.json")));
        ObjectNode transaction = (ObjectNode) receipt.get("transaction");
        Envelope envelope = Envelope.parseFrom(Base64.getDecoder().decode(transaction.get("envelope").asText()));
        Payload payload = Payload.parseFrom(envelope.getPayload());
        ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
        ChannelHeader far = header.toBuilder()
                .setTimestamp(header.getTimestamp().toBuilder().setSeconds(Long.MAX_VALUE)).build();
        Payload changed = payload.toBuilder()
                .setHeader(payload.getHeader().toBuilder().setChannelHeader(far.toByteString())).build();
        transaction.put("envelope", Base64.getEncoder().encodeToString(
                envelope.toBuilder().setPayload(changed.toByteString()).build().toByteArray()));

        Verdict verdict = ReceiptVerifier.trustingReceiptCas().verify(Receipt.json().writeValueAsString(receipt), null);

        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.failed()).isEqualTo(Check.ENVELOPE);
        assertThat(verdict.line()).isEqualTo("FAILED: envelope: unexpected error in this check: "
                + "java.time.DateTimeException: Instant exceeds minimum or maximum instant");
        assertThat(verdict.exitCode()).isEqualTo(1);
    }
}
