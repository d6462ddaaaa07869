package cn.landreserve.workflow.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.workflow.support.RunningServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class AccessLogTest extends RunningServiceTest {

    @Autowired AccessLog log;
    @Autowired AccessLogHeadAnchoring anchoring;
    @Autowired EvidenceLedger ledger;
    @Autowired JdbcClient jdbc;

    @Test
    void public_queries_and_verifications_are_logged_chained_and_anchored_and_an_edited_entry_is_located() throws Exception {
        long before = log.head().seq();
        anonymous().get("/api/public/verify?sha256=" + "a".repeat(64));
        anonymous().get("/api/public/verify?sha256=bad");
        as("auditor").get("/api/audit/access-log");

        var latest = log.latest(3);
        assertThat(latest).extracting(AccessLog.Entry::seq).containsExactly(before + 3, before + 2, before + 1);
        assertThat(latest.get(2).actor()).isEqualTo("anonymous");
        assertThat(latest.get(2).action()).isEqualTo("PUBLIC_QUERY");
        assertThat(latest.get(2).status()).isEqualTo(200);
        assertThat(latest.get(1).status()).isEqualTo(400);
        assertThat(latest.get(0).actor()).isEqualTo("auditor");
        assertThat(latest.get(0).action()).isEqualTo("VERIFICATION");
        assertThat(latest.get(0).prevHash()).isEqualTo(latest.get(1).hash());
        assertThat(log.firstBrokenEntry()).isEqualTo(-1);

        long anchoredSeq = anchoring.anchorHead();
        assertThat(anchoredSeq).isEqualTo(log.head().seq());
        assertThat(ledger.findById("accesslog-" + anchoredSeq)).isPresent();
        assertThat(anchoring.anchorHead()).as("nothing new to anchor").isEqualTo(-1);

        jdbc.sql("update reserve.access_log set actor = 'someone-else' where seq = :s").param("s", before + 2).update();
        assertThat(log.firstBrokenEntry()).isEqualTo(before + 2);
        jdbc.sql("update reserve.access_log set actor = 'anonymous' where seq = :s").param("s", before + 2).update();
        assertThat(log.firstBrokenEntry()).isEqualTo(-1);
    }
}
