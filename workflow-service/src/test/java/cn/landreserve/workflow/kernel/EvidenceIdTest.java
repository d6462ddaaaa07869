package cn.landreserve.workflow.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.landreserve.chaincode.Fields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class EvidenceIdTest {

    @Test
    void an_evidence_id_follows_the_contracts_rule_exactly() {
        assertThat(EvidenceId.FORMAT.pattern()).isEqualTo(Fields.ID.pattern());
    }

    @Test
    void what_the_ledger_could_not_key_is_not_an_evidence_id() {
        assertThat(new EvidenceId("doc-0123abcd").value()).isEqualTo("doc-0123abcd");
        for (String bad : new String[] {null, "", "doc/../x", "a".repeat(129), "文件"}) {
            assertThat(EvidenceId.isValid(bad)).as(String.valueOf(bad)).isFalse();
            assertThatThrownBy(() -> new EvidenceId(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
