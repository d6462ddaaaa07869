package cn.landreserve.workflow.evidence;

import cn.landreserve.ledger.LedgerPhase;
import cn.landreserve.ledger.LedgerUnavailableException;
import cn.landreserve.workflow.infra.ReserveProperties;
import cn.landreserve.workflow.kernel.ProjectId;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One owner per project's pending evidence: before a worker (an anchoring job, the sweeper, on any instance) sends
 * a project's pending records to the ledger it claims the project in {@code reserve.anchor_claim}; nobody else
 * sends them until it releases the claim or its lease lapses (a crashed owner). The claim is taken and released in
 * transactions of their own, so that other workers see it at once, whatever transaction the caller is in.
 */
@Component
public class AnchorClaims {

    private static final Duration POLL = Duration.ofMillis(50);

    /** A held claim; closing it releases it. */
    public final class Claim implements AutoCloseable {
        private final String projectId;
        private final String owner;

        private Claim(String projectId, String owner) {
            this.projectId = projectId;
            this.owner = owner;
        }

        public String projectId() {
            return projectId;
        }

        @Override
        public void close() {
            ownTransaction.executeWithoutResult(status -> jdbc.sql(
                    "delete from reserve.anchor_claim where project_id = :p and owner = :o")
                    .param("p", projectId).param("o", owner).update());
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Duration lease;
    private final String instance = UUID.randomUUID().toString();

    AnchorClaims(JdbcClient jdbc, PlatformTransactionManager transactions, ReserveProperties properties) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.lease = properties.ledger().groupCommit().claimLease();
    }

    /** The claim on a project's pending evidence if nobody holds it now. */
    public Optional<Claim> tryClaim(ProjectId projectId) {
        String owner = instance + "/" + UUID.randomUUID();
        Boolean won = ownTransaction.execute(status -> !jdbc.sql("""
                insert into reserve.anchor_claim (project_id, owner, claimed_until)
                values (:p, :o, now() + make_interval(secs => :lease))
                on conflict (project_id) do update set owner = excluded.owner, claimed_until = excluded.claimed_until
                where reserve.anchor_claim.claimed_until < now()
                returning owner""")
                .param("p", projectId.value()).param("o", owner).param("lease", lease.toMillis() / 1000.0)
                .query(String.class).list().isEmpty());
        return Boolean.TRUE.equals(won) ? Optional.of(new Claim(projectId.value(), owner)) : Optional.empty();
    }

    /**
     * The claim on a project's pending evidence, waiting up to {@code patience} for another owner to finish.
     *
     * @throws LedgerUnavailableException when another owner still holds it after that (the caller retries later)
     */
    public Claim claim(ProjectId projectId, Duration patience) throws LedgerUnavailableException {
        long until = System.nanoTime() + patience.toNanos();
        while (true) {
            Optional<Claim> claim = tryClaim(projectId);
            if (claim.isPresent()) {
                return claim.get();
            }
            if (System.nanoTime() > until) {
                throw new LedgerUnavailableException(LedgerPhase.SUBMIT, "the pending evidence of project " + projectId
                        + " is being anchored by another worker; try again later");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LedgerUnavailableException(LedgerPhase.SUBMIT,
                        "interrupted while waiting for the anchoring of " + projectId, e);
            }
        }
    }
}
