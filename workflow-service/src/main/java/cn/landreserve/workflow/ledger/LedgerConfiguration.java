package cn.landreserve.workflow.ledger;

import cn.landreserve.chaincode.EvidenceContract;
import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.ledger.GroupCommit;
import cn.landreserve.ledger.LedgerHealth;
import cn.landreserve.ledger.LedgerUnavailableException;
import cn.landreserve.ledger.embedded.CorruptChainException;
import cn.landreserve.ledger.embedded.EmbeddedLedger;
import cn.landreserve.ledger.embedded.EmbeddedLedgerOptions;
import cn.landreserve.ledger.fabric.FabricLedger;
import cn.landreserve.ledger.fabric.FabricLedgerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import cn.landreserve.workflow.infra.InvalidSettingException;
import cn.landreserve.workflow.infra.ReserveProperties;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The evidence ledger. {@code embedded} (default): the evidence contract runs in-process over hash-chained,
 * signed blocks under {@code <data-dir>/ledger}; the whole chain is verified at every start and a broken chain
 * (a damaged block, an acknowledged block cut short or missing, or fewer blocks than the database records evidence
 * anchored in) stops the start naming the first bad block ({@link DamagedLedgerException}). {@code fabric}: a Hyperledger Fabric gateway (see network/).
 */
@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {
    /** The ledger answers reads but cannot anchor: a required organisation's peers cannot be reached. */
    static final org.springframework.boot.actuate.health.Status DEGRADED =
            new org.springframework.boot.actuate.health.Status("DEGRADED",
                    "an organisation whose endorsement the policy requires cannot be reached");


    @Bean(name = "evidenceLedger", destroyMethod = "close")
    @DependsOn("flywayInitializer")
    EvidenceLedger evidenceLedger(ReserveProperties properties, JdbcClient jdbc) {
        String mode = properties.ledger().mode();
        if ("fabric".equals(mode)) {
            return fabric(properties);
        }
        if (!"embedded".equals(mode)) {
            throw new InvalidSettingException("reserve.ledger.mode", "must be 'embedded' or 'fabric', got '" + mode + "'");
        }
        Path ledgerDir = properties.dataDir().resolve("ledger");
        try {
            // every block the database says evidence was anchored in must be there: never a fresh or shorter ledger
            return EmbeddedLedger.open(ledgerDir, EmbeddedLedgerOptions.defaults(), highestAnchoredBlock(jdbc) + 1);
        } catch (CorruptChainException e) {
            throw new DamagedLedgerException(ledgerDir, e);
        } catch (LedgerUnavailableException e) {
            throw new InvalidSettingException("reserve.data-dir",
                    "the embedded ledger in " + ledgerDir + " cannot be opened: " + e.getMessage(), e);
        }
    }

    /** The highest block the database records evidence as anchored in, or -1. */
    private static long highestAnchoredBlock(JdbcClient jdbc) {
        return jdbc.sql("""
                select coalesce(max(b), -1) from (
                    select max(block_number) as b from reserve.document
                    union all select max(block_number) from reserve.decision
                    union all select max(block_number) from reserve.project_version
                    union all select max(block_number) from reserve.seal
                    union all select max(block_number) from reserve.access_log_break) anchored""")
                .query(Long.class).single();
    }

    private static EvidenceLedger fabric(ReserveProperties properties) {
        ReserveProperties.Fabric f = properties.ledger().fabric();
        FabricLedgerConfig config;
        if (f.connectionFile() != null) {
            try {
                config = FabricLedgerConfig.fromConnectionFile(f.connectionFile());
            } catch (IOException | RuntimeException e) {
                throw new InvalidSettingException("reserve.ledger.fabric.connection-file",
                        "cannot be read: " + f.connectionFile(), e);
            }
        } else {
            require("reserve.ledger.fabric.endpoint", f.endpoint());
            require("reserve.ledger.fabric.msp-id", f.mspId());
            requireFile("reserve.ledger.fabric.tls-ca-cert", f.tlsCaCert());
            requireFile("reserve.ledger.fabric.client-cert", f.clientCert());
            requireFile("reserve.ledger.fabric.private-key", f.privateKey());
            config = FabricLedgerConfig.of(f.endpoint(), f.tlsCaCert(), f.serverNameOverride(), f.mspId(),
                    f.clientCert(), f.privateKey(), f.channel(), f.chaincode(),
                    f.organisationCas() == null ? List.of(f.tlsCaCert()) : f.organisationCas());
        }
        if (f.endorsingOrganisations() != null && !f.endorsingOrganisations().isEmpty()) {
            config = config.withEndorsingOrganisations(f.endorsingOrganisations());
        }
        config = config.withRetry(f.retryAttempts() != null ? f.retryAttempts() : config.retryAttempts(),
                f.retryBackoff() != null ? f.retryBackoff() : config.retryBackoff());
        if (f.commitTimeout() != null) {
            config = config.withTimeouts(config.evaluateTimeout(), config.endorseTimeout(), config.submitTimeout(),
                    f.commitTimeout());
        }
        try {
            return FabricLedger.connect(config);
        } catch (LedgerUnavailableException e) {
            throw new InvalidSettingException("reserve.ledger.fabric.endpoint",
                    "the Fabric gateway client could not be set up: " + e.getMessage(), e);
        }
    }

    private static void require(String property, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidSettingException(property, "is required when reserve.ledger.mode=fabric (or set reserve.ledger.fabric.connection-file)");
        }
    }

    private static void requireFile(String property, Path file) {
        if (file == null || !Files.isReadable(file)) {
            throw new InvalidSettingException(property, "must name a readable file, got " + file);
        }
    }

    /** Group commit in front of the ledger: what every anchoring worker sends records through. */
    @Bean(destroyMethod = "close")
    GroupCommit groupCommit(EvidenceLedger ledger, ReserveProperties properties) {
        ReserveProperties.GroupCommit g = properties.ledger().groupCommit();
        if (g.maxRecords() < 1 || g.maxRecords() > EvidenceContract.MAX_GROUP) {
            throw new InvalidSettingException("reserve.ledger.group-commit.max-records",
                    "must be 1 to " + EvidenceContract.MAX_GROUP + ", got " + g.maxRecords());
        }
        if (g.senders() < 1 || g.maxWait().isNegative() || g.maxWait().compareTo(Duration.ofSeconds(10)) > 0) {
            throw new InvalidSettingException("reserve.ledger.group-commit.max-wait",
                    "must be 0 to 10 s with at least 1 sender, got " + g.maxWait() + " and " + g.senders());
        }
        return new GroupCommit(ledger, g.maxWait(), g.maxRecords(), g.senders());
    }

    /**
     * Health component {@code ledger}: UP, DOWN, or DEGRADED when the ledger answers but an organisation whose
     * endorsement the policy requires cannot be reached (named in {@code unreachableOrganisations}); engine,
     * height, last header hash.
     */
    @Bean
    HealthIndicator ledgerHealthIndicator(EvidenceLedger ledger) {
        return () -> {
            LedgerHealth health = ledger.health();
            Health.Builder builder = switch (health.status()) {
                case UP -> Health.up();
                case DEGRADED -> Health.status(DEGRADED).withDetail("unreachableOrganisations",
                        health.unreachableOrganisations());
                case DOWN -> Health.down();
            };
            return builder
                    .withDetail("engine", health.engine())
                    .withDetail("height", health.height())
                    .withDetail("lastHeaderHash", String.valueOf(health.lastHeaderHash()))
                    .withDetail("detail", String.valueOf(health.detail()))
                    .build();
        };
    }
}
