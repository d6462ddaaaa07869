package cn.landreserve.ledger.fabric;

import cn.landreserve.chaincode.ErrorCode;
import cn.landreserve.chaincode.EvidenceContract;
import cn.landreserve.ledger.LedgerPhase;
import cn.landreserve.ledger.LedgerRejectedException;
import cn.landreserve.ledger.LedgerUnavailableException;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status.Code;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.UnaryOperator;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The one class that touches fabric-gateway and the gRPC channel. It runs a transaction through
 * endorse, submit and commit status with the retry policy that is safe on Fabric:
 * <ul>
 *   <li>UNAVAILABLE or DEADLINE_EXCEEDED on endorse: the same signed proposal again (nothing was
 *       ordered yet);</li>
 *   <li>on submit: the same signed transaction again (one transaction id; the orderer and the
 *       committing peers let only its first copy take effect);</li>
 *   <li>on commit status: ask again until {@link FabricLedgerConfig#commitTimeout()};</li>
 *   <li>MVCC_READ_CONFLICT or PHANTOM_READ_CONFLICT at commit: the transaction is invalid for
 *       good, so it is executed anew (new transaction id) after a random pause, until the commit
 *       timeout; the contract is idempotent, so this cannot anchor twice (concurrent anchors in
 *       one project conflict on the project's counter, so they meet this path);</li>
 *   <li>endorsement ABORTED without a rejection from the client's own organisation's peer (the
 *       peers' proposal responses did not match, or another organisation's peer disagreed with ours:
 *       peers at different heights): the proposal is endorsed anew as a new proposal (new transaction
 *       id) after a random pause, up to {@link FabricLedgerConfig#retryAttempts()} executions;</li>
 *   <li>a rejection by the contract reported by the client's own organisation's peer (its
 *       {@link ErrorCode} in the endorsement error details) is never retried.</li>
 * </ul>
 * Technical failures that remain are {@link FabricTransactionException}s carrying the transaction id,
 * the phase, the status and each peer's report.
 */
final class FabricGatewayClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FabricGatewayClient.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final String QSCC = "qscc";

    private final FabricLedgerConfig config;
    private final ManagedChannel grpc;
    private final Gateway gateway;
    private final Network network;
    private final Contract contract;
    private final Contract qscc;

    /**
     * What a transaction came to.
     *
     * @param txId the transaction id of the last execution
     * @param result the contract's result
     * @param blockNumber the block that committed it, or -1 when it was not submitted
     */
    record Outcome(String txId, byte[] result, long blockNumber) {
        boolean submitted() {
            return blockNumber >= 0;
        }
    }

    private FabricGatewayClient(FabricLedgerConfig config, ManagedChannel grpc, Gateway gateway) {
        this.config = config;
        this.grpc = grpc;
        this.gateway = gateway;
        this.network = gateway.getNetwork(config.channel());
        this.contract = network.getContract(config.chaincode(), EvidenceContract.NAME);
        this.qscc = network.getContract(QSCC);
    }

    /**
     * Largest message accepted from the gateway peer: a Fabric peer's own default (100 MiB), not gRPC's 4 MiB. An
     * endorsed batch carries its digests twice (arguments and leaf pages), about 134 bytes a digest, so a batch of
     * more than some 31,000 digests, and the block holding it, would not fit in 4 MiB.
     */
    static final int MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

    /** Opens the TLS channel and the gateway with the X.509 identity and signer from files. */
    static FabricGatewayClient connect(FabricLedgerConfig config) throws LedgerUnavailableException {
        X509Certificate certificate;
        PrivateKey key;
        try (Reader certReader = Files.newBufferedReader(config.clientCert());
                Reader keyReader = Files.newBufferedReader(config.privateKey())) {
            certificate = Identities.readX509Certificate(certReader);
            key = Identities.readPrivateKey(keyReader);
        } catch (IOException | CertificateException | InvalidKeyException e) {
            throw new LedgerUnavailableException(LedgerPhase.OPEN, "cannot read the Fabric client identity " + config.clientCert()
                    + " / " + config.privateKey() + ": " + e.getMessage(), e);
        }
        ManagedChannel channel;
        try {
            ManagedChannelBuilder<?> builder = Grpc.newChannelBuilderForAddress(config.host(), config.port(),
                    TlsChannelCredentials.newBuilder().trustManager(config.tlsCaCert().toFile()).build());
            if (config.serverNameOverride() != null) {
                builder.overrideAuthority(config.serverNameOverride());
            }
            channel = builder.maxInboundMessageSize(MAX_MESSAGE_BYTES).build();
        } catch (IOException | RuntimeException e) {
            throw new LedgerUnavailableException(LedgerPhase.OPEN, "cannot set up TLS to " + config.endpoint() + " with CA "
                    + config.tlsCaCert() + ": " + e.getMessage(), e);
        }
        Gateway gateway = Gateway.newInstance()
                .identity(new X509Identity(config.mspId(), certificate))
                .signer(Signers.newPrivateKeySigner(key))
                .connection(channel)
                .connect();
        return new FabricGatewayClient(config, channel, gateway);
    }

    // ---- transactions ----

    /**
     * Endorses {@code function(args)}; submits it and waits for its commit only when
     * {@code needsCommit(txId, result)} says so (an idempotent write that found its record already
     * anchored needs no transaction).
     */
    Outcome transact(String evidenceId, String function, List<String> args, BiPredicate<String, byte[]> needsCommit)
            throws LedgerRejectedException, LedgerUnavailableException {
        String lastInvalid = null;
        long conflictsUntil = System.nanoTime() + config.commitTimeout().toNanos();
        int disagreements = 0;
        for (int execution = 1; ; execution++) {
            Proposal.Builder builder = contract.newProposal(function).addArguments(args.toArray(String[]::new));
            if (!config.endorsingOrganisations().isEmpty()) {
                // every organisation the policy requires, endorsing at once; unnamed, the gateway endorses on its
                // own organisation's peer first and only then on the others
                builder.setEndorsingOrganizations(config.endorsingOrganisations().toArray(String[]::new));
            }
            Proposal proposal = builder.build();
            String txId = proposal.getTransactionId();
            Transaction transaction;
            try {
                transaction = retry(LedgerPhase.ENDORSE, txId, -1,
                        () -> proposal.endorse(deadline(config.endorseTimeout())));
            } catch (GatewayException e) {
                FabricTransactionException failure = failure(LedgerPhase.ENDORSE, txId,
                        evidenceId, e);
                if (!peersDisagreed(e) || ++disagreements >= config.retryAttempts()) {
                    throw failure;
                }
                LOG.log(System.Logger.Level.INFO, "endorsement of {0} for {1} aborted ({2}); endorsing anew",
                        txId, evidenceId, failure.getMessage());
                pause(jitter(disagreements), LedgerPhase.ENDORSE, txId, "re-endorsement of " + evidenceId);
                continue;
            }
            byte[] result = transaction.getResult();
            if (!needsCommit.test(txId, result)) {
                return new Outcome(txId, result, -1);
            }
            Status status;
            SubmittedTransaction submitted;
            try {
                submitted = retry(LedgerPhase.SUBMIT, txId, -1,
                        () -> transaction.submitAsync(deadline(config.submitTimeout())));
            } catch (GatewayException e) {
                throw failure(LedgerPhase.SUBMIT, txId, evidenceId, e);
            }
            try {
                long until = System.nanoTime() + config.commitTimeout().toNanos();
                status = retry(LedgerPhase.COMMIT_STATUS, txId, until,
                        () -> submitted.getStatus(deadline(config.commitTimeout())));
            } catch (GatewayException e) {
                throw failure(LedgerPhase.COMMIT_STATUS, txId, evidenceId, e);
            }
            if (status.isSuccessful()) {
                return new Outcome(txId, result, status.getBlockNumber());
            }
            TxValidationCode code = status.getCode();
            if (code != TxValidationCode.MVCC_READ_CONFLICT && code != TxValidationCode.PHANTOM_READ_CONFLICT) {
                throw new FabricTransactionException(txId, LedgerPhase.COMMIT, code.name(),
                        List.of(), "transaction " + txId + " (" + function + " " + evidenceId
                        + ") was committed in block " + status.getBlockNumber() + " as invalid: " + code, null);
            }
            lastInvalid = txId + " " + code;
            if (System.nanoTime() > conflictsUntil) {
                throw new FabricTransactionException(txId, LedgerPhase.COMMIT, code.name(),
                        List.of(), "anchoring " + evidenceId + " conflicted " + execution
                        + " times with concurrent transactions within " + config.commitTimeout() + " (last: "
                        + lastInvalid + ")", null);
            }
            LOG.log(System.Logger.Level.DEBUG, "transaction {0} for {1} invalidated by {2}; executing it again",
                    txId, evidenceId, code);
            pause(jitter(execution), LedgerPhase.COMMIT, txId, "re-execution of " + evidenceId);
        }
    }

    /**
     * Whether an endorsement failed only because the peers did not agree: ABORTED, and no peer of the client's
     * own organisation (the peer whose state the client reads and whose rejections are final) rejected it.
     * Peers at different heights answer a proposal differently until the lagging one has committed the blocks
     * the proposal read; a new proposal a moment later is endorsed by both.
     */
    private boolean peersDisagreed(GatewayException e) {
        if (e.getStatus().getCode() != Code.ABORTED) {
            return false;
        }
        for (ErrorDetail detail : e.getDetails()) {
            if (config.mspId().equals(detail.getMspId()) && ChaincodeMessages.rejection(detail.getMessage()) != null) {
                return false;
            }
        }
        return true;
    }

    /** A random pause up to the backoff of the n-th attempt, so that conflicting writers spread out. */
    private long jitter(int attempt) {
        long ceiling = Math.min(config.retryBackoff().toMillis() << Math.min(attempt, 6), MAX_BACKOFF.toMillis());
        return java.util.concurrent.ThreadLocalRandom.current().nextLong(ceiling + 1);
    }

    private static void pause(long millis, LedgerPhase phase, String txId, String what)
            throws LedgerUnavailableException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException(phase, txId, null, what + " interrupted", e);
        }
    }

    /** Evaluates a query of the evidence contract on one peer. */
    byte[] evaluate(String evidenceId, String function, String... args)
            throws LedgerRejectedException, LedgerUnavailableException {
        return evaluate(contract, evidenceId, function, args);
    }

    /** The committed block holding a transaction (qscc {@code GetBlockByTxID}). */
    Block blockByTxId(String txId) throws LedgerRejectedException, LedgerUnavailableException {
        byte[] bytes = evaluate(qscc, txId, "GetBlockByTxID", config.channel(), txId);
        try {
            return Block.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerUnavailableException(LedgerPhase.EVALUATE, txId, null,
                    "qscc returned no block for transaction " + txId, e);
        }
    }

    /** Height and last block hash of the channel (qscc {@code GetChainInfo}). */
    BlockchainInfo chainInfo() throws LedgerUnavailableException {
        try {
            return BlockchainInfo.parseFrom(evaluate(qscc, config.channel(), "GetChainInfo", config.channel()));
        } catch (LedgerRejectedException e) {
            throw new LedgerUnavailableException(LedgerPhase.EVALUATE, e.transactionId(), e.status(),
                    "qscc GetChainInfo failed: " + e.getMessage(), e);
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerUnavailableException(LedgerPhase.EVALUATE, "qscc GetChainInfo returned no chain info", e);
        }
    }

    private byte[] evaluate(Contract target, String subject, String function, String... args)
            throws LedgerRejectedException, LedgerUnavailableException {
        return evaluateOn(target, null, subject, function, args);
    }

    /**
     * Whether a peer of organisation {@code mspId} answers the evidence chaincode: a query for evidence that does
     * not exist, aimed at that organisation's peers, must come back NOT_FOUND from the contract.
     *
     * @throws LedgerUnavailableException naming why when no peer of that organisation answers
     */
    void probe(String mspId) throws LedgerUnavailableException {
        String probeId = "health-probe";
        try {
            evaluateOn(contract, mspId, probeId, "readEvidence", probeId);
        } catch (LedgerRejectedException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return;
            }
            throw new LedgerUnavailableException(LedgerPhase.EVALUATE, e.transactionId(), e.status(),
                    "the evidence contract on " + mspId + "'s peers answered "
                    + e.code(), e);
        }
    }

    private byte[] evaluateOn(Contract target, String mspId, String subject, String function, String... args)
            throws LedgerRejectedException, LedgerUnavailableException {
        Proposal.Builder builder = target.newProposal(function).addArguments(args);
        if (mspId != null) {
            builder.setEndorsingOrganizations(mspId);
        }
        Proposal proposal = builder.build();
        try {
            return retry(LedgerPhase.EVALUATE, proposal.getTransactionId(), -1,
                    () -> proposal.evaluate(deadline(config.evaluateTimeout())));
        } catch (GatewayException e) {
            throw failure(LedgerPhase.EVALUATE, proposal.getTransactionId(), subject, e);
        }
    }

    // ---- retry and errors ----

    @FunctionalInterface
    private interface GatewayCall<T> {
        T call() throws GatewayException;
    }

    /**
     * Runs {@code call}, again on UNAVAILABLE / DEADLINE_EXCEEDED: up to the configured attempts,
     * or when {@code untilNanos} is not -1, until then.
     */
    private <T> T retry(LedgerPhase phase, String txId, long untilNanos, GatewayCall<T> call)
            throws GatewayException, LedgerUnavailableException {
        long backoff = config.retryBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (GatewayException e) {
                boolean more = untilNanos == -1 ? attempt < config.retryAttempts()
                        : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff) < untilNanos;
                if (!retryable(e.getStatus().getCode()) || !more) {
                    throw e;
                }
                LOG.log(System.Logger.Level.INFO, "{0} of transaction {1} failed with {2} (attempt {3}); retrying",
                        phase, txId, e.getStatus().getCode(), attempt);
            }
            pause(backoff, phase, txId, phase + " of transaction " + txId);
            backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
        }
    }

    private static boolean retryable(Code code) {
        return code == Code.UNAVAILABLE || code == Code.DEADLINE_EXCEEDED;
    }

    /**
     * Throws the business rejection when the contract's error code is reported by an endorsing peer of the
     * client's own organisation (or, for evaluate, in the peer's status); otherwise returns the technical failure
     * with the transaction id, phase, status and each peer's report as fields.
     */
    private FabricTransactionException failure(LedgerPhase phase, String txId,
            String evidenceId, GatewayException e) throws LedgerRejectedException {
        io.grpc.Status status = e.getStatus();
        List<FabricTransactionException.PeerFailure> peers = new java.util.ArrayList<>();
        LedgerRejectedException otherOrganisation = null;
        for (ErrorDetail detail : e.getDetails()) {
            ChaincodeMessages.Rejection refusal = ChaincodeMessages.rejection(detail.getMessage());
            if (refusal != null) {
                LedgerRejectedException rejected = new LedgerRejectedException(refusal.code(), evidenceId, phase,
                        txId, status.getCode().name(), refusal.message());
                if (config.mspId().equals(detail.getMspId()) || phase != LedgerPhase.ENDORSE) {
                    throw rejected;
                }
                otherOrganisation = rejected;
            }
            peers.add(new FabricTransactionException.PeerFailure(detail.getMspId(), detail.getAddress(),
                    detail.getMessage()));
        }
        if (e.getDetails().isEmpty() && status.getCode() == Code.UNKNOWN) {
            // Evaluate reports a chaincode error response as UNKNOWN with the response in its description.
            ChaincodeMessages.Rejection refusal = ChaincodeMessages.rejection(status.getDescription());
            if (refusal != null) {
                throw new LedgerRejectedException(refusal.code(), evidenceId, phase, txId, status.getCode().name(),
                        refusal.message());
            }
        }
        StringBuilder details = new StringBuilder();
        for (FabricTransactionException.PeerFailure peer : peers) {
            details.append("; ").append(peer.mspId()).append('@').append(peer.address()).append(": ")
                    .append(peer.message());
        }
        return new FabricTransactionException(txId, phase, status.getCode().name(), peers,
                phase.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " of transaction " + txId
                + " failed: " + status.getCode() + " " + status.getDescription() + details,
                otherOrganisation != null ? otherOrganisation : e);
    }

    private static UnaryOperator<CallOptions> deadline(Duration timeout) {
        return options -> options.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        gateway.close();
        grpc.shutdownNow();
        try {
            grpc.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
