package cn.landreserve.workflow.ledger;

import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.ledger.LedgerHealth;
import cn.landreserve.ledger.LedgerUnavailableException;
import cn.landreserve.ledger.embedded.EmbeddedLedger;
import cn.landreserve.ledger.embedded.EmbeddedLedgerOptions;
import cn.landreserve.workflow.infra.InvalidSettingException;
import cn.landreserve.workflow.infra.ReserveProperties;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The evidence ledger. {@code embedded} (default): the evidence contract runs in-process over hash-chained,
 * signed blocks under {@code <data-dir>/ledger}; the whole chain is verified at every start and a broken chain
 * stops the start naming the first bad block. {@code fabric}: a Hyperledger Fabric gateway (see network/).
 */
@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

    @Bean(name = "evidenceLedger", destroyMethod = "close")
    EvidenceLedger evidenceLedger(ReserveProperties properties) {
        String mode = properties.ledger().mode();
        if (!"embedded".equals(mode)) {
            throw new InvalidSettingException("reserve.ledger.mode", "'" + mode
                    + "' is not available in this build; the only engine wired into the service is 'embedded'"
                    + " (the Fabric engine is tracked by the issue 'Running on a real Fabric network')");
        }
        try {
            return EmbeddedLedger.open(properties.dataDir().resolve("ledger"), EmbeddedLedgerOptions.defaults());
        } catch (LedgerUnavailableException e) {
            throw new InvalidSettingException("reserve.data-dir",
                    "the embedded ledger in " + properties.dataDir().resolve("ledger") + " cannot be opened: " + e.getMessage(), e);
        }
    }

    /** Health component {@code ledger}: engine, height, last header hash. */
    @Bean
    HealthIndicator ledgerHealthIndicator(EvidenceLedger ledger) {
        return () -> {
            LedgerHealth health = ledger.health();
            return (health.up() ? Health.up() : Health.down())
                    .withDetail("engine", health.engine())
                    .withDetail("height", health.height())
                    .withDetail("lastHeaderHash", String.valueOf(health.lastHeaderHash()))
                    .withDetail("detail", String.valueOf(health.detail()))
                    .build();
        };
    }
}
