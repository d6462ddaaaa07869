package cn.landreserve.ledger.fabric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to reach the evidence chaincode on a Fabric channel.
 *
 * @param endpoint the gateway peer, {@code host:port}
 * @param tlsCaCert PEM of the CA that issued the peer's TLS certificate
 * @param serverNameOverride TLS server name to expect when it differs from the host, or {@code null}
 * @param mspId the client identity's organisation
 * @param clientCert PEM of the client identity's certificate
 * @param privateKey PEM (PKCS#8) of the client identity's private key
 * @param channel the channel
 * @param chaincode the chaincode name
 * @param organisationCas PEM files of every organisation CA (peers, orderers, client): carried in
 *     receipts and pinned by auditors
 * @param evaluateTimeout deadline of one evaluate call
 * @param endorseTimeout deadline of one endorse call
 * @param submitTimeout deadline of one submit call
 * @param commitTimeout how long to wait in total for a transaction's commit status, and to keep
 *     executing a transaction anew after MVCC conflicts
 * @param retryAttempts attempts of endorse, submit and evaluate on UNAVAILABLE / DEADLINE_EXCEEDED
 *     (at least 1)
 * @param retryBackoff first pause between attempts, doubled each time up to 5 s
 * @param anchoredBy the {@code anchoredBy} of batch records this service anchors
 * @param endorsingOrganisations the MSP ids whose endorsement the chaincode's policy requires; health probes a
 *     peer of each (empty: only the client's own organisation)
 */
public record FabricLedgerConfig(String endpoint, Path tlsCaCert, String serverNameOverride, String mspId,
        Path clientCert, Path privateKey, String channel, String chaincode, List<Path> organisationCas,
        Duration evaluateTimeout, Duration endorseTimeout, Duration submitTimeout,
        Duration commitTimeout, int retryAttempts, Duration retryBackoff, String anchoredBy,
        List<String> endorsingOrganisations) {

    /** Default deadline of one evaluate call. */
    public static final Duration DEFAULT_EVALUATE_TIMEOUT = Duration.ofSeconds(10);
    /** Default deadline of one endorse call. */
    public static final Duration DEFAULT_ENDORSE_TIMEOUT = Duration.ofSeconds(15);
    /** Default deadline of one submit call. */
    public static final Duration DEFAULT_SUBMIT_TIMEOUT = Duration.ofSeconds(10);
    /** Default time to wait for a commit status and to re-execute after MVCC conflicts. */
    public static final Duration DEFAULT_COMMIT_TIMEOUT = Duration.ofMinutes(2);
    /** Default attempts of endorse, submit and evaluate on UNAVAILABLE / DEADLINE_EXCEEDED. */
    public static final int DEFAULT_RETRY_ATTEMPTS = 5;
    /** Default first pause between attempts. */
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(250);

    /** Checks the required values. */
    public FabricLedgerConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        if (endpoint.lastIndexOf(':') < 1) {
            throw new IllegalArgumentException("endpoint must be host:port, not " + endpoint);
        }
        Objects.requireNonNull(tlsCaCert, "tlsCaCert");
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(clientCert, "clientCert");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(chaincode, "chaincode");
        organisationCas = List.copyOf(organisationCas);
        if (organisationCas.isEmpty()) {
            throw new IllegalArgumentException("organisationCas: name at least one organisation CA certificate");
        }
        Objects.requireNonNull(evaluateTimeout, "evaluateTimeout");
        Objects.requireNonNull(endorseTimeout, "endorseTimeout");
        Objects.requireNonNull(submitTimeout, "submitTimeout");
        Objects.requireNonNull(commitTimeout, "commitTimeout");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(anchoredBy, "anchoredBy");
        endorsingOrganisations = List.copyOf(endorsingOrganisations);
        if (retryAttempts < 1) {
            throw new IllegalArgumentException("retryAttempts must be at least 1");
        }
    }

    /** The gateway host. */
    public String host() {
        return endpoint.substring(0, endpoint.lastIndexOf(':'));
    }

    /** The gateway port. */
    public int port() {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    /**
     * A configuration with the defaults (the {@code DEFAULT_} constants above: evaluate 10 s, endorse 15 s,
     * submit 10 s, commit 2 min, 5 attempts from 250 ms), batches anchored by {@code evidence-service}.
     */
    public static FabricLedgerConfig of(String endpoint, Path tlsCaCert, String serverNameOverride, String mspId,
            Path clientCert, Path privateKey, String channel, String chaincode, List<Path> organisationCas) {
        return new FabricLedgerConfig(endpoint, tlsCaCert, serverNameOverride, mspId, clientCert, privateKey, channel,
                chaincode, organisationCas, DEFAULT_EVALUATE_TIMEOUT, DEFAULT_ENDORSE_TIMEOUT, DEFAULT_SUBMIT_TIMEOUT,
                DEFAULT_COMMIT_TIMEOUT, DEFAULT_RETRY_ATTEMPTS, DEFAULT_RETRY_BACKOFF, "evidence-service", List.of());
    }

    /**
     * Reads the connection file {@code network/up.sh} writes ({@code network/build/connection.json});
     * relative paths in it are resolved against the file's directory.
     */
    public static FabricLedgerConfig fromConnectionFile(Path file) throws IOException {
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        Path base = file.toAbsolutePath().getParent();
        List<Path> cas = new ArrayList<>();
        for (JsonNode ca : required(json, "organisationCas")) {
            cas.add(base.resolve(ca.asText()));
        }
        JsonNode override = json.path("serverNameOverride");
        List<String> endorsers = new ArrayList<>();
        for (JsonNode org : json.path("endorsingOrganisations")) {
            endorsers.add(org.asText());
        }
        return of(required(json, "endpoint").asText(), base.resolve(required(json, "tlsCaCert").asText()),
                override.isTextual() && !override.asText().isBlank() ? override.asText() : null,
                required(json, "mspId").asText(), base.resolve(required(json, "clientCert").asText()),
                base.resolve(required(json, "privateKey").asText()), required(json, "channel").asText(),
                required(json, "chaincode").asText(), cas).withEndorsingOrganisations(endorsers);
    }

    private static JsonNode required(JsonNode json, String field) throws IOException {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            throw new IOException("connection file lacks \"" + field + "\"");
        }
        return value;
    }

    /** The same configuration with other retry settings. */
    public FabricLedgerConfig withRetry(int attempts, Duration backoff) {
        return new FabricLedgerConfig(endpoint, tlsCaCert, serverNameOverride, mspId, clientCert, privateKey, channel,
                chaincode, organisationCas, evaluateTimeout, endorseTimeout, submitTimeout,
                commitTimeout, attempts, backoff, anchoredBy, endorsingOrganisations);
    }

    /** The same configuration with other timeouts. */
    public FabricLedgerConfig withTimeouts(Duration evaluate, Duration endorse, Duration submit, Duration commit) {
        return new FabricLedgerConfig(endpoint, tlsCaCert, serverNameOverride, mspId, clientCert, privateKey, channel,
                chaincode, organisationCas, evaluate, endorse, submit, commit, retryAttempts,
                retryBackoff, anchoredBy, endorsingOrganisations);
    }

    /** The same configuration with the organisations whose endorsement the policy requires (see health). */
    public FabricLedgerConfig withEndorsingOrganisations(List<String> mspIds) {
        return new FabricLedgerConfig(endpoint, tlsCaCert, serverNameOverride, mspId, clientCert, privateKey, channel,
                chaincode, organisationCas, evaluateTimeout, endorseTimeout, submitTimeout,
                commitTimeout, retryAttempts, retryBackoff, anchoredBy, mspIds);
    }

    /** The organisations health probes: those the policy requires, or the client's own when none are named. */
    public List<String> requiredOrganisations() {
        return endorsingOrganisations.isEmpty() ? List.of(mspId) : endorsingOrganisations;
    }
}
