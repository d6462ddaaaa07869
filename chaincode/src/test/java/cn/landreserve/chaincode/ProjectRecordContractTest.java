package cn.landreserve.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.chaincode.testing.PeerStub;
import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ProjectRecordContractTest {
    private static final String REASON = "d".repeat(64);

    private final EvidenceContract contract = new EvidenceContract();
    private PeerStub stub;

    @BeforeEach
    void setUp() {
        stub = TestPeer.empty();
    }

    private static String facts(String id, int version, String previous, String name, boolean published) {
        return """
                {"evidenceId":"%s","projectId":"P1","version":%d,"previousEvidenceId":%s,"code":"TDCB-2026-0001",\
                "name":"%s","district":"江北区","areaSquareMeters":"12500.50","formerIndustrial":true,\
                "published":%s,"actor":"applicant","role":"APPLICANT","reasonSha256":"%s",\
                "recordedAt":"2026-03-01T08:00:00Z"}""".formatted(id, version,
                previous == null ? "null" : "\"" + previous + "\"", name, published, REASON);
    }

    private String anchor(String txId, String json) {
        stub.begin(txId);
        String result = contract.anchorProject(new Context(stub.stub()), json);
        stub.commit();
        return result;
    }

    private ErrorCode refusal(String txId, String json) {
        stub.begin(txId);
        try {
            contract.anchorProject(new Context(stub.stub()), json);
        } catch (ChaincodeException e) {
            assertThat(stub.writes()).isEmpty();
            return ErrorCode.valueOf(new String(e.getPayload(), StandardCharsets.UTF_8));
        }
        throw new AssertionError("the contract accepted " + json);
    }

    private String current() {
        stub.begin("query");
        return contract.readProjectFacts(new Context(stub.stub()), "P1");
    }

    @Test
    void the_first_version_becomes_the_projects_current_facts_and_its_evidence() {
        String stored = anchor("tx1", facts("pv-1", 1, null, "滨江储备地块", false));

        assertThat(current()).isEqualTo(stored);
        assertThat(StoredEvidence.parse(stored.getBytes(StandardCharsets.UTF_8)).kind()).isEqualTo(EvidenceKind.PROJECT);
        stub.begin("query");
        assertThat(contract.listByProject(new Context(stub.stub()), "P1")).isEqualTo("[" + stored + "]");
    }

    @Test
    void a_later_version_must_name_the_current_one_and_count_on_from_it() {
        anchor("tx1", facts("pv-1", 1, null, "滨江储备地块", false));

        assertThat(refusal("tx2", facts("pv-2", 2, null, "滨江储备地块", true))).isEqualTo(ErrorCode.VERSION_MISMATCH);
        assertThat(refusal("tx2", facts("pv-2", 3, "pv-1", "滨江储备地块", true))).isEqualTo(ErrorCode.VERSION_MISMATCH);
        assertThat(refusal("tx2", facts("pv-2", 1, null, "滨江储备地块", true))).isEqualTo(ErrorCode.VERSION_MISMATCH);
        String second = anchor("tx2", facts("pv-2", 2, "pv-1", "滨江储备地块（一期）", true));

        assertThat(current()).isEqualTo(second);
        assertThat(refusal("tx3", facts("pv-3", 2, "pv-1", "again from the first", true)))
                .isEqualTo(ErrorCode.VERSION_MISMATCH);
    }

    @Test
    void the_code_of_a_project_never_changes() {
        anchor("tx1", facts("pv-1", 1, null, "滨江储备地块", false));

        assertThat(refusal("tx2", facts("pv-2", 2, "pv-1", "滨江储备地块", true).replace("TDCB-2026-0001", "TDCB-2026-0002")))
                .isEqualTo(ErrorCode.INVALID_RECORD);
    }

    @Test
    void an_area_that_is_not_a_plain_positive_decimal_is_refused() {
        for (String area : new String[] {"0", "-1", "1e3", "12.345", "abc", "1000000000000"}) {
            assertThat(refusal("tx1", facts("pv-1", 1, null, "滨江储备地块", false)
                    .replace("\"12500.50\"", "\"" + area + "\""))).as(area).isEqualTo(ErrorCode.INVALID_RECORD);
        }
    }

    @Test
    void a_project_without_facts_answers_NOT_FOUND() {
        stub.begin("query");
        try {
            contract.readProjectFacts(new Context(stub.stub()), "P1");
        } catch (ChaincodeException e) {
            assertThat(new String(e.getPayload(), StandardCharsets.UTF_8)).isEqualTo("NOT_FOUND");
            return;
        }
        throw new AssertionError("facts of an unknown project were found");
    }
}
