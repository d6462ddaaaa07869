package cn.landreserve.workflow.infra;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.util.unit.DataSize;

/**
 * Every setting of the service, bound from {@code reserve.*} (environment variables {@code RESERVE_*}).
 * Each part left unset runs embedded under {@link #dataDir()}; each part configured switches to the real thing.
 */
@ConfigurationProperties("reserve")
public record ReserveProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue Database db,
        @DefaultValue ObjectStore s3,
        @DefaultValue Ledger ledger,
        @DefaultValue Security security,
        @DefaultValue Archive archive,
        @DefaultValue Workflow workflow,
        @DefaultValue Supervision supervision,
        @Name("public") @DefaultValue PublicSite publicSite,
        @DefaultValue Parcels parcels,
        @DefaultValue Ecology ecology,
        @DefaultValue Demo demo,
        @DefaultValue Anchoring adminLog,
        @DefaultValue Anchoring accessLog) {

    /**
     * The lifecycle's timing: a department review escalates after {@code reviewDeadline}; a rectification at acceptance
     * is due within {@code rectificationDeadline}; a failed anchoring job is retried on {@code anchorRetryCycle} (a
     * Camunda retry cycle), after which {@code anchorRecoveryInterval} gives it new retries once the ledger answers;
     * documents uploaded outside a task's anchoring are swept every {@code documentAnchorInterval}.
     */
    public record Workflow(
            @DefaultValue("P5D") Duration reviewDeadline,
            @DefaultValue("P30D") Duration rectificationDeadline,
            @DefaultValue("R5/PT30S") String anchorRetryCycle,
            @DefaultValue("PT1M") Duration anchorRecoveryInterval,
            @DefaultValue("PT10S") Duration documentAnchorInterval) {}

    /**
     * Supervision of stored land (管护): an inspection is due every {@code inspectionCycle} (checked every
     * {@code cycleCheckInterval}); a photo counts as taken on site within {@code photoDistanceToleranceMeters} of the
     * parcel and {@code photoTimeTolerance} of the inspection; a finding must be rectified within
     * {@code rectificationPeriod}.
     */
    public record Supervision(
            @DefaultValue("50") double photoDistanceToleranceMeters,
            @DefaultValue("PT2H") Duration photoTimeTolerance,
            @DefaultValue("P15D") Duration rectificationPeriod,
            @DefaultValue("P30D") Duration inspectionCycle,
            @DefaultValue("PT1H") Duration cycleCheckInterval) {}

    /**
     * The public side ({@code reserve.public.*}): {@code url}, the only base of certificates' links and QR codes
     * (required unless the service listens on loopback); {@code requestsPerMinute} per client on the public API.
     */
    public record PublicSite(String url, @DefaultValue("600") int requestsPerMinute) {}

    /** A parcel's computed area may differ from the declared area by at most {@code areaTolerance} (a fraction). */
    public record Parcels(@DefaultValue("0.05") BigDecimal areaTolerance) {}

    /** An overlap with the ecological red line counts from {@code overlapThresholdSquareMeters}. */
    public record Ecology(@DefaultValue("1") BigDecimal overlapThresholdSquareMeters) {}

    /**
     * The demo users of the embedded default: {@code enabled} unset means "with the embedded database only";
     * {@code password} unset means generated once and kept in data-dir/demo-password.txt; {@code sampleProjects}:
     * sample projects are created on an empty database.
     */
    public record Demo(String password, Boolean enabled, @DefaultValue("true") boolean sampleProjects) {}

    /** How often a log's head is anchored on the ledger. */
    public record Anchoring(@DefaultValue("PT10M") Duration anchorInterval) {}

    /**
     * Sign-in, password and session rules (等保2.0 level 3). The password and lockout values are the policy of a
     * fresh installation; the security administrator may change them later (kept in the database, shown in the
     * administration pages). {@code trustedProxies}: addresses of reverse proxies whose X-Forwarded-For and
     * X-Forwarded-Proto are believed (none by default). {@code auditRetention}: how long the administrators' log
     * keeps entries (at least 180 days, 网络安全法 art. 21).
     */
    public record Security(
            @DefaultValue("10") int passwordMinLength,
            @DefaultValue("3") int passwordMinCharacterClasses,
            @DefaultValue("5") int passwordHistory,
            @DefaultValue("90d") java.time.Duration passwordMaxAge,
            @DefaultValue("5") int lockoutThreshold,
            @DefaultValue("15m") java.time.Duration lockoutDuration,
            @DefaultValue("15m") java.time.Duration idleTimeout,
            @DefaultValue("") java.util.List<String> trustedProxies,
            @DefaultValue("180d") java.time.Duration auditRetention) {}

    /** PostgreSQL: {@code url} set means external; otherwise an embedded server under data-dir/postgres. */
    public record Database(String url, String username, String password, @DefaultValue("0") int embeddedPort) {
        public boolean external() {
            return url != null && !url.isBlank();
        }
    }

    /** S3 / MinIO: {@code endpoint} set means external; otherwise an embedded S3 server under data-dir/objects. */
    public record ObjectStore(
            String endpoint,
            String accessKey,
            String secretKey,
            @DefaultValue("land-reserve-evidence") String bucket,
            @DefaultValue("us-east-1") String region,
            @DefaultValue("5GB") DataSize maxSize,
            @DefaultValue("3650") int retentionDays,
            @DefaultValue("0") int embeddedPort) {
        public boolean external() {
            return endpoint != null && !endpoint.isBlank();
        }
    }

    /** The evidence ledger: {@code embedded} (default, under data-dir/ledger) or {@code fabric}. */
    public record Ledger(@DefaultValue("embedded") String mode, @DefaultValue Fabric fabric,
            @DefaultValue GroupCommit groupCommit) {}

    /**
     * How pending evidence is sent to the ledger: records of concurrent workers share transactions of at most
     * {@code maxRecords}; a lone record waits at most {@code maxWait} for company; {@code senders} transactions in
     * flight at once; a worker's claim on a project's pending evidence lapses after {@code claimLease}.
     */
    public record GroupCommit(
            @DefaultValue("100ms") java.time.Duration maxWait,
            @DefaultValue("500") int maxRecords,
            @DefaultValue("4") int senders,
            @DefaultValue("2m") java.time.Duration claimLease) {}

    /**
     * A Fabric gateway peer: either {@code connectionFile} (written by network/up.sh) or the parts one by one.
     * Paths are files holding PEM certificates and the client's private key. {@code commitTimeout},
     * {@code retryAttempts} and {@code retryBackoff} left unset keep the engine's defaults
     * ({@code FabricLedgerConfig.DEFAULT_*}: 2m, 5, 250ms).
     */
    public record Fabric(
            Path connectionFile,
            String endpoint,
            Path tlsCaCert,
            String serverNameOverride,
            String mspId,
            Path clientCert,
            Path privateKey,
            @DefaultValue("landreserve") String channel,
            @DefaultValue("evidence") String chaincode,
            java.util.List<Path> organisationCas,
            java.time.Duration commitTimeout,
            Integer retryAttempts,
            java.time.Duration retryBackoff,
            java.util.List<String> endorsingOrganisations) {}

    /**
     * The archive package and its trusted time (RFC 3161 / GB/T 20520). With no {@code tsaUrls} the service stamps
     * with its own local time-stamping authority (key and certificate under data-dir/tsa), and says so as LOCAL.
     *
     * @param tsaUrls time-stamping authorities tried in order until one answers with a valid token
     * @param tsaCertificates PEM file of the certificates (or CAs) of those authorities: each token received is
     *     checked against them, and auditors get them from {@code GET /api/audit/tsa-certificate}
     * @param tsaTimeout how long one authority may take to answer
     */
    public record Archive(
            java.util.List<java.net.URI> tsaUrls,
            Path tsaCertificates,
            @DefaultValue("30s") java.time.Duration tsaTimeout) {
        public boolean localTsa() {
            return tsaUrls == null || tsaUrls.isEmpty();
        }
    }
}
