package cn.landreserve.ledger.fabric;

import cn.landreserve.chaincode.EvidenceContract;
import cn.landreserve.chaincode.testing.PeerStub;
import cn.landreserve.ledger.receipt.Certificates;
import cn.landreserve.ledger.receipt.FabricBlocks;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.grpc.Grpc;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.CommitStatusResponse;
import org.hyperledger.fabric.protos.gateway.EndorseRequest;
import org.hyperledger.fabric.protos.gateway.EndorseResponse;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.gateway.EvaluateRequest;
import org.hyperledger.fabric.protos.gateway.EvaluateResponse;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.SubmitRequest;
import org.hyperledger.fabric.protos.gateway.SubmitResponse;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * A peer's Gateway service in-process, over TLS on 127.0.0.1, for testing the Fabric engine
 * without a network. It models a channel of two organisations, each with one peer holding its own
 * versioned world state: the reserve bureau's peer (the gateway the client talks to) commits each
 * block at once, the audit bureau's peer {@link #auditCommitLag} later, or not at all while
 * {@link #holdAuditCommits} is set. Both run the real {@link EvidenceContract}.
 *
 * <p>It answers as Fabric's gateway does: Endorse simulates the proposal on the gateway's peer and
 * then on the audit bureau's (the policy is AND of both). A chaincode rejection is ABORTED with an
 * error detail of the peer that rejected ({@code chaincode response 500, CODE: ...}); when the two
 * peers' proposal responses differ byte for byte (read versions, written values or the result, as
 * between peers at different heights) it is ABORTED with the detail
 * {@code ProposalResponsePayloads do not match}; with the audit peer {@link #auditDown} it is
 * UNAVAILABLE. Otherwise it returns the unsigned transaction envelope endorsed by both. Submit requires the
 * client's signature, validates reads against the state (MVCC) and cuts a block of one
 * transaction signed by the orderer; CommitStatus reports the validation code; Evaluate runs
 * queries and qscc's {@code GetBlockByTxID} and {@code GetChainInfo} (a chaincode error is
 * UNKNOWN with the response in the description).
 *
 * <p>Everything the client sends is captured, and faults can be queued per phase.
 */
final class FakeGateway extends GatewayGrpc.GatewayImplBase implements AutoCloseable {
    static final String CHANNEL = "landreserve";
    static final String CHAINCODE = "evidence";
    private static final String RESERVE_PEER = "peer0.reserve.landreserve.test:7051";
    private static final String AUDIT_PEER = "peer0.audit.landreserve.test:9051";

    /** One proposal as the gateway received it. */
    record Captured(String phase, String txId, String chaincode, List<String> args, String creatorMsp,
            boolean signatureValid) {
    }

    private record Pending(Map<String, byte[]> writes, Map<String, Version> reads) {
    }

    private record Committed(long block, TxValidationCode code) {
    }

    /** One organisation's peer: its world state and how many blocks it has committed. */
    private static final class Peer {
        final String address;
        final String msp;
        final NavigableMap<String, PeerStub.Versioned> state = new TreeMap<>();
        long height = 1;

        Peer(String address, String msp) {
            this.address = address;
            this.msp = msp;
        }
    }

    private final TestPki pki;
    private final EvidenceContract contract = new EvidenceContract(TestPki.RESERVE_MSP);
    private final Peer reserve = new Peer(RESERVE_PEER, TestPki.RESERVE_MSP);
    private final Peer audit = new Peer(AUDIT_PEER, TestPki.AUDIT_MSP);
    private final NavigableMap<String, PeerStub.Versioned> state = reserve.state;
    private final List<Map<String, byte[]>> blockWrites = new ArrayList<>();
    private final java.util.concurrent.ScheduledExecutorService auditCommitter =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "fake-audit-peer-committer");
                t.setDaemon(true);
                return t;
            });
    private final List<Block> blocks = new ArrayList<>();
    private final Map<String, Pending> pending = new HashMap<>();
    private final Map<String, Committed> committed = new HashMap<>();
    private final SecureRandom random = new SecureRandom();
    private Server server;

    final List<Captured> endorsements = Collections.synchronizedList(new ArrayList<>());
    final List<Captured> evaluations = Collections.synchronizedList(new ArrayList<>());
    final List<String> submissions = Collections.synchronizedList(new ArrayList<>());
    final List<String> commitStatusQueries = Collections.synchronizedList(new ArrayList<>());
    final Deque<Status> endorseFaults = new ArrayDeque<>();
    final Deque<Status> submitFaults = new ArrayDeque<>();
    final Deque<Status> commitStatusFaults = new ArrayDeque<>();
    /** Validation codes forced on the next commits (e.g. MVCC_READ_CONFLICT), in order. */
    final Deque<TxValidationCode> forcedCodes = new ArrayDeque<>();
    /** When true, a transaction's first submission is ordered but answered with UNAVAILABLE. */
    volatile boolean loseFirstSubmitResponse;
    /** How long after the gateway's peer the audit bureau's peer commits each block. */
    volatile java.time.Duration auditCommitLag = java.time.Duration.ZERO;
    /** While true the audit bureau's peer commits nothing (it catches up when this is cleared). */
    volatile boolean holdAuditCommits;
    /** While true the audit bureau's peer cannot be reached: endorsements fail, evaluations aimed at it too. */
    volatile boolean auditDown;
    /** Endorsements refused because the two peers' proposal responses differed. */
    final java.util.concurrent.atomic.AtomicInteger payloadMismatches = new java.util.concurrent.atomic.AtomicInteger();
    /** Told the running count of payload mismatches after each one (the test may release the audit peer). */
    volatile java.util.function.IntConsumer onMismatch = n -> { };
    /** Evaluations aimed at one organisation's peers (EvaluateRequest target organisations), by MSP id. */
    final List<String> evaluationTargets = Collections.synchronizedList(new ArrayList<>());
    /** Each endorsement's named endorsing organisations (EndorseRequest), in order; empty: the gateway chooses. */
    final List<List<String>> endorsementTargets = Collections.synchronizedList(new ArrayList<>());

    FakeGateway(TestPki pki) {
        this.pki = pki;
        blocks.add(block(0, List.of(configEnvelope()), List.of(TxValidationCode.VALID)));
        blockWrites.add(Map.of());
    }

    /** Blocks the audit bureau's peer has committed (the gateway's peer has all of {@link #height()}). */
    synchronized long auditHeight() {
        return audit.height;
    }

    /** Lets the audit bureau's peer commit what it was held back from, now. */
    void releaseAuditCommits() {
        holdAuditCommits = false;
        catchUpAudit();
    }

    private synchronized void catchUpAudit() {
        while (!holdAuditCommits && audit.height < blocks.size()) {
            int number = (int) audit.height;
            apply(audit, number, blockWrites.get(number));
        }
    }

    private static void apply(Peer peer, long number, Map<String, byte[]> writes) {
        for (Map.Entry<String, byte[]> write : writes.entrySet()) {
            peer.state.put(write.getKey(), new PeerStub.Versioned(write.getValue(), number, 0));
        }
        peer.height = number + 1;
    }

    /**
     * Starts on 127.0.0.1 with an ephemeral port and TLS from the test PKI's server certificate, taking messages up to
     * a Fabric peer's default limit (100 MiB), as a peer does; what it sends back meets the client's own limit.
     */
    FakeGateway start(Path certDir) throws IOException {
        server = Grpc.newServerBuilderForPort(0, TlsServerCredentials.create(
                certDir.resolve("server-cert.pem").toFile(), certDir.resolve("server-key.pem").toFile()))
                .maxInboundMessageSize(100 * 1024 * 1024).addService(this).build().start();
        return this;
    }

    int port() {
        return server.getPort();
    }

    synchronized long height() {
        return blocks.size();
    }

    synchronized Block block(long number) {
        return blocks.get((int) number);
    }

    @Override
    public void close() {
        auditCommitter.shutdownNow();
        synchronized (this) {
            notifyAll();
        }
        if (!server.isShutdown()) {
            try {
                server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- Endorse ----

    @Override
    public void endorse(EndorseRequest request, StreamObserver<EndorseResponse> out) {
        Parsed p;
        try {
            p = parse(request.getProposedTransaction());
        } catch (InvalidProtocolBufferException | CertificateException e) {
            out.onError(Status.INVALID_ARGUMENT.withDescription("unreadable proposal: " + e).asRuntimeException());
            return;
        }
        endorsements.add(new Captured("endorse", p.txId, p.chaincode, p.args, p.creatorMsp, p.signatureValid));
        endorsementTargets.add(List.copyOf(request.getEndorsingOrganizationsList()));
        Status fault;
        synchronized (this) {
            fault = endorseFaults.poll();
        }
        if (fault != null) {
            out.onError(fault.asRuntimeException());
            return;
        }
        if (!p.signatureValid || !p.txId.equals(request.getTransactionId())) {
            out.onError(Status.INVALID_ARGUMENT.withDescription("bad proposal signature or transaction id")
                    .asRuntimeException());
            return;
        }
        if (auditDown) {
            out.onError(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                    .setCode(Status.Code.UNAVAILABLE.value())
                    .setMessage("failed to select a set of endorsers that satisfy the endorsement policy")
                    .addDetails(Any.pack(ErrorDetail.newBuilder().setAddress(AUDIT_PEER).setMspId(TestPki.AUDIT_MSP)
                            .setMessage("connection refused").build()))
                    .build()));
            return;
        }
        PeerStub stub;
        ByteString prp;
        synchronized (this) {
            stub = new PeerStub(reserve.state, CHANNEL, p.chaincode, p.txId, p.time, p.creator.toByteArray(), p.args);
            PeerStub auditStub = new PeerStub(audit.state, CHANNEL, p.chaincode, p.txId, p.time,
                    p.creator.toByteArray(), p.args);
            try {
                prp = proposalResponsePayload(p, stub, run(stub, p.args));
            } catch (ChaincodeException e) {
                out.onError(aborted("failed to endorse transaction, see attached details for more info",
                        detail(reserve, "chaincode response 500, " + e.getMessage())));
                return;
            }
            ByteString auditPrp;
            try {
                auditPrp = proposalResponsePayload(p, auditStub, run(auditStub, p.args));
            } catch (ChaincodeException e) {
                out.onError(aborted("failed to collect enough transaction endorsements, see attached details for more"
                        + " info", detail(audit, "chaincode response 500, " + e.getMessage())));
                return;
            }
            if (!auditPrp.equals(prp)) {
                onMismatch.accept(payloadMismatches.incrementAndGet());
                out.onError(aborted("failed to collect enough transaction endorsements, see attached details for more"
                        + " info", detail(audit, "ProposalResponsePayloads do not match")));
                return;
            }
            pending.put(p.txId, new Pending(Map.copyOf(stub.writes()), new HashMap<>(stub.reads())));
        }
        ChaincodeEndorsedAction.Builder endorsed = ChaincodeEndorsedAction.newBuilder().setProposalResponsePayload(prp);
        for (TestPki.Identity peer : List.of(pki.reservePeer, pki.auditPeer)) {
            ByteString endorser = peer.serialized();
            endorsed.addEndorsements(Endorsement.newBuilder().setEndorser(endorser)
                    .setSignature(ByteString.copyFrom(peer.sign(FabricBlocks.endorsementInput(prp, endorser)))));
        }
        ByteString actionPayload = ChaincodeActionPayload.newBuilder()
                .setChaincodeProposalPayload(p.proposal.getPayload()).setAction(endorsed).build().toByteString();
        ByteString tx = Transaction.newBuilder().addActions(TransactionAction.newBuilder()
                .setHeader(p.header.getSignatureHeader()).setPayload(actionPayload)).build().toByteString();
        Envelope envelope = Envelope.newBuilder()
                .setPayload(Payload.newBuilder().setHeader(p.header).setData(tx).build().toByteString()).build();
        out.onNext(EndorseResponse.newBuilder().setPreparedTransaction(envelope).build());
        out.onCompleted();
    }

    /** What a peer signs when it endorses: the proposal's hash and its simulation (read-write set, response, event). */
    private static ByteString proposalResponsePayload(Parsed p, PeerStub stub, String result) {
        ChaincodeAction.Builder action = ChaincodeAction.newBuilder()
                .setResults(TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV)
                        .addNsRwset(NsReadWriteSet.newBuilder().setNamespace(p.chaincode)
                                .setRwset(stub.readWriteSet().toByteString()))
                        .build().toByteString())
                .setResponse(Response.newBuilder().setStatus(200).setPayload(ByteString.copyFromUtf8(result)))
                .setChaincodeId(ChaincodeID.newBuilder().setName(p.chaincode));
        if (stub.event() != null) {
            action.setEvents(stub.event().toByteString());
        }
        return ProposalResponsePayload.newBuilder()
                .setProposalHash(ByteString.copyFrom(FabricBlocks.sha256().digest(p.proposal.toByteArray())))
                .setExtension(action.build().toByteString()).build().toByteString();
    }

    private static io.grpc.StatusRuntimeException aborted(String message, ErrorDetail detail) {
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Status.Code.ABORTED.value()).setMessage(message).addDetails(Any.pack(detail)).build());
    }

    private String run(PeerStub stub, List<String> args) {
        Context ctx = contract.createContext(stub.stub());
        String function = args.get(0).substring(args.get(0).indexOf(':') + 1);
        return switch (function) {
            case "anchorDocument" -> contract.anchorDocument(ctx, args.get(1));
            case "anchorDecision" -> contract.anchorDecision(ctx, args.get(1));
            case "anchorProject" -> contract.anchorProject(ctx, args.get(1));
            case "anchorBatch" -> contract.anchorBatch(ctx, args.get(1), args.get(2));
            case "anchorGroup" -> contract.anchorGroup(ctx, args.get(1));
            case "seal" -> contract.seal(ctx, args.get(1));
            case "readEvidence" -> contract.readEvidence(ctx, args.get(1));
            case "findByDigest" -> contract.findByDigest(ctx, args.get(1));
            case "findInBatch" -> contract.findInBatch(ctx, args.get(1), args.get(2));
            case "listByProject" -> contract.listByProject(ctx, args.get(1));
            case "readProjectFacts" -> contract.readProjectFacts(ctx, args.get(1));
            default -> throw new ChaincodeException("Undefined contract method called: " + function);
        };
    }

    private static ErrorDetail detail(Peer peer, String message) {
        return ErrorDetail.newBuilder().setAddress(peer.address).setMspId(peer.msp).setMessage(message).build();
    }

    // ---- Submit and CommitStatus ----

    @Override
    public void submit(SubmitRequest request, StreamObserver<SubmitResponse> out) {
        Envelope envelope = request.getPreparedTransaction();
        String txId = request.getTransactionId();
        submissions.add(txId);
        Status fault;
        synchronized (this) {
            fault = submitFaults.poll();
        }
        if (fault != null) {
            out.onError(fault.asRuntimeException());
            return;
        }
        try {
            Payload payload = Payload.parseFrom(envelope.getPayload());
            ChannelHeader channelHeader = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            SerializedIdentity creator = SerializedIdentity.parseFrom(
                    SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader()).getCreator());
            boolean signed = !envelope.getSignature().isEmpty() && Certificates.verifies(
                    Certificates.parseOne(creator.getIdBytes().toStringUtf8()), envelope.getPayload().toByteArray(),
                    envelope.getSignature().toByteArray());
            if (!signed || !channelHeader.getTxId().equals(txId)) {
                out.onError(Status.INVALID_ARGUMENT.withDescription("transaction " + txId + " is not signed by its"
                        + " creator").asRuntimeException());
                return;
            }
        } catch (InvalidProtocolBufferException | CertificateException e) {
            out.onError(Status.INVALID_ARGUMENT.withDescription("unreadable envelope").asRuntimeException());
            return;
        }
        boolean lose;
        synchronized (this) {
            if (!committed.containsKey(txId)) {
                commit(txId, envelope);
                lose = loseFirstSubmitResponse;
            } else {
                lose = false; // a resubmitted copy: the peers mark it DUPLICATE_TXID, the first stands
            }
            notifyAll();
        }
        if (lose) {
            out.onError(Status.UNAVAILABLE.withDescription("connection reset after ordering").asRuntimeException());
            return;
        }
        out.onNext(SubmitResponse.getDefaultInstance());
        out.onCompleted();
    }

    private void commit(String txId, Envelope envelope) {
        Pending tx = pending.remove(txId);
        TxValidationCode code = forcedCodes.isEmpty() ? TxValidationCode.VALID : forcedCodes.poll();
        if (tx == null) {
            code = TxValidationCode.BAD_PROPOSAL_TXID;
        } else if (code == TxValidationCode.VALID) {
            for (Map.Entry<String, Version> read : tx.reads().entrySet()) {
                PeerStub.Versioned now = state.get(read.getKey());
                Version was = read.getValue();
                boolean same = was == null ? now == null
                        : now != null && now.block() == was.getBlockNum() && now.tx() == was.getTxNum();
                if (!same) {
                    code = TxValidationCode.MVCC_READ_CONFLICT;
                    break;
                }
            }
        }
        long number = blocks.size();
        Map<String, byte[]> writes = code == TxValidationCode.VALID ? tx.writes() : Map.of();
        blocks.add(block(number, List.of(envelope), List.of(code)));
        blockWrites.add(writes);
        apply(reserve, number, writes);
        committed.put(txId, new Committed(number, code));
        java.time.Duration lag = auditCommitLag;
        if (lag.isZero()) {
            catchUpAudit();
        } else {
            auditCommitter.schedule(this::catchUpAudit, lag.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void commitStatus(SignedCommitStatusRequest request, StreamObserver<CommitStatusResponse> out) {
        String txId;
        try {
            txId = CommitStatusRequest.parseFrom(request.getRequest()).getTransactionId();
        } catch (InvalidProtocolBufferException e) {
            out.onError(Status.INVALID_ARGUMENT.asRuntimeException());
            return;
        }
        commitStatusQueries.add(txId);
        Committed result;
        synchronized (this) {
            Status fault = commitStatusFaults.poll();
            if (fault != null) {
                out.onError(fault.asRuntimeException());
                return;
            }
            result = committed.get(txId);
        }
        if (request.getSignature().isEmpty() || result == null) {
            out.onError((result == null ? Status.NOT_FOUND : Status.PERMISSION_DENIED)
                    .withDescription("commit status of " + txId).asRuntimeException());
            return;
        }
        out.onNext(CommitStatusResponse.newBuilder().setResult(result.code()).setBlockNumber(result.block()).build());
        out.onCompleted();
    }

    // ---- Evaluate ----

    @Override
    public void evaluate(EvaluateRequest request, StreamObserver<EvaluateResponse> out) {
        Parsed p;
        try {
            p = parse(request.getProposedTransaction());
        } catch (InvalidProtocolBufferException | CertificateException e) {
            out.onError(Status.INVALID_ARGUMENT.withDescription("unreadable proposal").asRuntimeException());
            return;
        }
        evaluations.add(new Captured("evaluate", p.txId, p.chaincode, p.args, p.creatorMsp, p.signatureValid));
        evaluationTargets.addAll(request.getTargetOrganizationsList());
        boolean onAudit = request.getTargetOrganizationsList().equals(List.of(TestPki.AUDIT_MSP));
        if (onAudit && auditDown) {
            out.onError(Status.UNAVAILABLE.withDescription("no peers available to evaluate chaincode " + p.chaincode
                    + " in channel " + CHANNEL).asRuntimeException());
            return;
        }
        ByteString result;
        synchronized (this) {
            Peer peer = onAudit ? audit : reserve;
            try {
                result = "qscc".equals(p.chaincode) ? qscc(p.args)
                        : ByteString.copyFromUtf8(run(new PeerStub(peer.state, CHANNEL, p.chaincode, p.txId, p.time,
                                p.creator.toByteArray(), p.args), p.args));
            } catch (ChaincodeException e) {
                out.onError(Status.UNKNOWN.withDescription("evaluate call to endorser returned error: chaincode"
                        + " response 500, " + e.getMessage()).asRuntimeException());
                return;
            }
        }
        out.onNext(EvaluateResponse.newBuilder().setResult(Response.newBuilder().setStatus(200).setPayload(result))
                .build());
        out.onCompleted();
    }

    private ByteString qscc(List<String> args) {
        if (!CHANNEL.equals(args.get(1))) {
            throw new ChaincodeException("no channel " + args.get(1));
        }
        switch (args.get(0)) {
            case "GetBlockByTxID": {
                Committed tx = committed.get(args.get(2));
                if (tx == null) {
                    throw new ChaincodeException("Failed to get block for txID " + args.get(2));
                }
                return blocks.get((int) tx.block()).toByteString();
            }
            case "GetChainInfo": {
                Block last = blocks.get(blocks.size() - 1);
                return BlockchainInfo.newBuilder().setHeight(blocks.size())
                        .setCurrentBlockHash(ByteString.copyFrom(FabricBlocks.headerHash(last.getHeader())))
                        .setPreviousBlockHash(last.getHeader().getPreviousHash()).build().toByteString();
            }
            default:
                throw new ChaincodeException("Requested function " + args.get(0) + " not found.");
        }
    }

    // ---- messages ----

    private static final class Parsed {
        Proposal proposal;
        Header header;
        String txId;
        String chaincode;
        List<String> args;
        ByteString creator;
        String creatorMsp;
        Instant time;
        boolean signatureValid;
    }

    private static Parsed parse(SignedProposal signed) throws InvalidProtocolBufferException, CertificateException {
        Parsed p = new Parsed();
        p.proposal = Proposal.parseFrom(signed.getProposalBytes());
        p.header = Header.parseFrom(p.proposal.getHeader());
        ChannelHeader channelHeader = ChannelHeader.parseFrom(p.header.getChannelHeader());
        SignatureHeader signatureHeader = SignatureHeader.parseFrom(p.header.getSignatureHeader());
        p.txId = channelHeader.getTxId();
        Timestamp t = channelHeader.getTimestamp();
        p.time = Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
        p.creator = signatureHeader.getCreator();
        SerializedIdentity creator = SerializedIdentity.parseFrom(p.creator);
        p.creatorMsp = creator.getMspid();
        ChaincodeInvocationSpec spec = ChaincodeInvocationSpec.parseFrom(
                ChaincodeProposalPayload.parseFrom(p.proposal.getPayload()).getInput());
        p.chaincode = spec.getChaincodeSpec().getChaincodeId().getName();
        String headerChaincode = ChaincodeHeaderExtension.parseFrom(channelHeader.getExtension()).getChaincodeId()
                .getName();
        p.args = spec.getChaincodeSpec().getInput().getArgsList().stream()
                .map(a -> a.toString(StandardCharsets.UTF_8)).toList();
        p.signatureValid = headerChaincode.equals(p.chaincode) && CHANNEL.equals(channelHeader.getChannelId())
                && FabricBlocks.txId(signatureHeader.getNonce().toByteArray(), p.creator.toByteArray()).equals(p.txId)
                && Certificates.verifies(Certificates.parseOne(creator.getIdBytes().toStringUtf8()),
                        signed.getProposalBytes().toByteArray(), signed.getSignature().toByteArray());
        return p;
    }

    private Envelope configEnvelope() {
        ByteString header = ChannelHeader.newBuilder().setType(HeaderType.CONFIG_VALUE).setChannelId(CHANNEL)
                .build().toByteString();
        return Envelope.newBuilder().setPayload(Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(header)).build().toByteString()).build();
    }

    /** A block as an orderer cuts it and a committing peer annotates it (validation codes). */
    private Block block(long number, List<Envelope> envelopes, List<TxValidationCode> codes) {
        List<ByteString> data = envelopes.stream().map(Envelope::toByteString).toList();
        byte[] previous = number == 0 ? new byte[0] : FabricBlocks.headerHash(blocks.get((int) number - 1).getHeader());
        BlockHeader header = BlockHeader.newBuilder().setNumber(number).setPreviousHash(ByteString.copyFrom(previous))
                .setDataHash(ByteString.copyFrom(FabricBlocks.dataHash(data))).build();
        ByteString value = OrdererBlockMetadata.newBuilder().setLastConfig(LastConfig.newBuilder().setIndex(0))
                .build().toByteString();
        byte[] nonce = new byte[24];
        random.nextBytes(nonce);
        ByteString signatureHeader = SignatureHeader.newBuilder().setCreator(pki.orderer.serialized())
                .setNonce(ByteString.copyFrom(nonce)).build().toByteString();
        ByteString signature = ByteString.copyFrom(pki.orderer.sign(
                FabricBlocks.blockSignatureInput(value, signatureHeader, header)));
        byte[] filter = new byte[codes.size()];
        for (int i = 0; i < filter.length; i++) {
            filter[i] = (byte) codes.get(i).getNumber();
        }
        BlockMetadata metadata = BlockMetadata.newBuilder()
                .addMetadata(Metadata.newBuilder().setValue(value).addSignatures(MetadataSignature.newBuilder()
                        .setSignatureHeader(signatureHeader).setSignature(signature)).build().toByteString())
                .addMetadata(ByteString.EMPTY)
                .addMetadata(ByteString.copyFrom(filter))
                .addMetadata(ByteString.EMPTY)
                .addMetadata(ByteString.EMPTY)
                .build();
        return Block.newBuilder().setHeader(header).setData(BlockData.newBuilder().addAllData(data))
                .setMetadata(metadata).build();
    }
}
