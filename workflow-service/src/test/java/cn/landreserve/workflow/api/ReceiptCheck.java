package cn.landreserve.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.chaincode.DocumentRecord;
import cn.landreserve.chaincode.ProjectSeal;
import cn.landreserve.chaincode.SealRecord;
import cn.landreserve.chaincode.StoredEvidence;
import cn.landreserve.documents.Digests;
import cn.landreserve.ledger.receipt.Certificates;
import cn.landreserve.ledger.receipt.Receipt;
import cn.landreserve.ledger.receipt.ReceiptVerifier;
import cn.landreserve.ledger.receipt.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;

/** What a test checks in each receipt an auditor downloads; collects the records to check the seal against. */
final class ReceiptCheck {

    private final Map<String, StoredEvidence> covered = new TreeMap<>();
    private final ReceiptVerifier verifier;

    /** Checks receipts offline against the trust bundle (the CA certificates) an auditor was given. */
    ReceiptCheck(String caPem) throws Exception {
        this.verifier = ReceiptVerifier.pinning(Certificates.parsePem(caPem));
    }

    void verify(byte[] json, byte[] file) throws Exception {
        String text = new String(json, StandardCharsets.UTF_8);
        Digests fileDigests = file == null ? null : Digests.of(file);
        Verdict verdict = verifier.verify(text,
                fileDigests == null ? null : new ReceiptVerifier.FileDigests(fileDigests.sha256Hex(), fileDigests.sm3Hex()));
        assertThat(verdict.trusted()).as(verdict.line()).isTrue();
        Receipt receipt = Receipt.parse(text);
        assertThat(receipt.format()).isEqualTo(Receipt.FORMAT);
        StoredEvidence stored = StoredEvidence.parse(Base64.getDecoder().decode(receipt.recordBytes()));
        assertThat(stored.record().evidenceId()).isEqualTo(receipt.evidenceId());
        if (file != null) {
            Digests digests = Digests.of(file);
            DocumentRecord record = (DocumentRecord) stored.record();
            assertThat(record.sha256()).isEqualTo(digests.sha256Hex());
            assertThat(record.sm3()).isEqualTo(digests.sm3Hex());
        }
        if (!(stored.record() instanceof SealRecord)) {
            covered.put(stored.record().evidenceId(), stored);
        } else {
            seal = (SealRecord) stored.record();
        }
    }

    private SealRecord seal;

    /** The evidence ids the seal's root commits to, after checking the root over the collected records. */
    Set<String> sealCovers(byte[] sealJson, List<String> expected) {
        assertThat(seal).as("the seal receipt was verified").isNotNull();
        List<byte[]> records = new ArrayList<>();
        covered.values().stream().sorted(StoredEvidence.LEDGER_ORDER).forEach(e -> records.add(e.recordBytes()));
        assertThat(seal.evidenceCount()).isEqualTo((long) expected.size());
        assertThat(ProjectSeal.root(records)).isEqualTo(seal.root());
        Set<String> ids = new HashSet<>();
        ids.addAll(covered.keySet());
        return ids;
    }
}
