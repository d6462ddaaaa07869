package cn.landreserve.workflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.workflow.lifecycle.LifecycleCatalogue;
import cn.landreserve.workflow.security.Actor;
import cn.landreserve.workflow.security.Department;
import cn.landreserve.workflow.security.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Access to a classified document follows who must act on it, as the lifecycle catalogue says. */
@Timeout(10)
class ClassifiedAccessTest {

    static final LifecycleCatalogue CATALOGUE = LifecycleCatalogue.load();
    static final Actor FINANCE = new Actor("reviewer-fin", "财政", Role.REVIEWER, Department.FINANCE);
    static final Actor ECOLOGY = new Actor("reviewer-eco", "生态", Role.REVIEWER, Department.ECOLOGY_ENVIRONMENT);
    static final Actor NATURAL = new Actor("reviewer-nr", "自然资源", Role.REVIEWER, Department.NATURAL_RESOURCES);

    static boolean reads(Actor actor, String type) {
        return AccessPolicy.mayRead(actor, Classification.SENSITIVE, "applicant", type, CATALOGUE);
    }

    @Test
    void the_finance_reviewer_who_confirms_a_payment_reads_its_sensitive_proof_and_others_do_not() {
        assertThat(reads(FINANCE, "PAYMENT_PROOF")).isTrue();
        assertThat(reads(FINANCE, "COMPENSATION_AGREEMENT")).isTrue();
        assertThat(reads(ECOLOGY, "PAYMENT_PROOF")).isFalse();
        assertThat(reads(NATURAL, "PAYMENT_PROOF")).isFalse();
        assertThat(reads(FINANCE, "SITE_TITLE_SURVEY")).as("no finance task relies on it").isFalse();
        assertThat(reads(NATURAL, "TITLE_RECORD")).as("the entry confirmation relies on it").isTrue();
    }

    @Test
    void roles_other_than_reviewers_keep_their_rules() {
        Actor operator = new Actor("operator", "运维", Role.OPERATOR, null);
        Actor admin = new Actor("sysadmin", "系统管理员", Role.SYSTEM_ADMIN, null);
        Actor applicant = new Actor("applicant", "经办", Role.APPLICANT, null);
        assertThat(reads(operator, "PAYMENT_PROOF")).isFalse();
        assertThat(reads(admin, "PAYMENT_PROOF")).isFalse();
        assertThat(AccessPolicy.mayRead(admin, Classification.INTERNAL, "applicant")).isFalse();
        assertThat(reads(applicant, "PAYMENT_PROOF")).isTrue();
    }
}
