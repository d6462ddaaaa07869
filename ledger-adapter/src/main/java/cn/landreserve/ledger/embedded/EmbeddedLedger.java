package cn.landreserve.ledger.embedded;

import cn.landreserve.ledger.ContractLedger;
import cn.landreserve.chaincode.CanonicalJson;
import cn.landreserve.chaincode.ContractRejection;
import cn.landreserve.chaincode.ErrorCode;
import cn.landreserve.chaincode.EvidenceContract;
import cn.landreserve.chaincode.Fields;
import cn.landreserve.chaincode.StateKeys;
import cn.landreserve.ledger.Anchoring;
import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.ledger.LedgerEntry;
import cn.landreserve.ledger.LedgerHealth;
import cn.landreserve.ledger.LedgerPhase;
import cn.landreserve.ledger.LedgerRejectedException;
import cn.landreserve.ledger.LedgerUnavailableException;
import cn.landreserve.ledger.receipt.FabricBlocks;
import cn.landreserve.ledger.receipt.Receipt;
import cn.landreserve.ledger.receipt.ReceiptBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;

/**
 * The embedded ledger: the {@link EvidenceContract} run in-process over a world state rebuilt from
 * Fabric-format blocks kept in {@code <dataDir>/blocks}. One committer thread executes queued
 * transactions one after another, groups them into a block (group commit), signs it with the node
 * identity, forces it to disk, and only then answers the callers.
 *
 * <p>Create with {@link #open(Path, EmbeddedLedgerOptions)}; it verifies the whole chain first and
 * refuses to start on a broken one ({@link CorruptChainException} names the block).
 */
public final class EmbeddedLedger extends ContractLedger {
    private static final System.Logger LOG = System.getLogger(EmbeddedLedger.class.getName());
    private static final String ENGINE = "embedded";
    /** The file in the data directory holding {@link #trustBundlePem()}, for auditors. */
    public static final String TRUST_BUNDLE = "trust-bundle.pem";

    private final Path dataDir;
    private final EmbeddedLedgerOptions options;
    private final LedgerIdentities identities;
    private final EvidenceContract contract;
    private final WorldState state;
    private final BlockStore store;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final SecureRandom random = new SecureRandom();
    private final Thread committer;
    private volatile boolean closed;
    private volatile String failure;
    private volatile long height;
    private volatile byte[] lastHeaderHash;

    private record Request(String function, List<String> args, String evidenceId, CompletableFuture<TxResult> result) {
    }

    private record TxResult(String result, String txId, long blockNumber) {
    }

    private EmbeddedLedger(Path dataDir, EmbeddedLedgerOptions options, LedgerIdentities identities, WorldState state,
            BlockStore store, FileChannel lockChannel, FileLock lock, ChainReplay replay) {
        this.dataDir = dataDir;
        this.options = options;
        this.identities = identities;
        this.contract = new EvidenceContract(options.writerMsp());
        this.state = state;
        this.store = store;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.height = store.height();
        this.lastHeaderHash = replay.lastHeaderHash();
        this.committer = new Thread(this::commitLoop, "embedded-ledger-committer");
        this.committer.setDaemon(true);
    }

    /**
     * Opens (or creates) the ledger in {@code dataDir}: identities in {@code msp/}, blocks in
     * {@code blocks/}. Verifies every block and rebuilds the world state before returning.
     *
     * @throws CorruptChainException when a stored block is damaged or does not chain, or a block acknowledged to
     *     its callers is cut short or missing (a torn tail above the acknowledgement mark is cut and logged)
     * @throws LedgerUnavailableException when the directory cannot be used (or is in use)
     */
    public static EmbeddedLedger open(Path dataDir, EmbeddedLedgerOptions options) throws LedgerUnavailableException {
        return open(dataDir, options, 0);
    }

    /**
     * Opens the ledger like {@link #open(Path, EmbeddedLedgerOptions)}, and refuses it unless it holds at least
     * {@code requiredHeight} blocks — the caller knows of evidence anchored in block {@code requiredHeight - 1}
     * (the service: from its database). Without any block file it refuses before creating anything, so that no
     * fresh ledger is started beside that evidence.
     *
     * @throws CorruptChainException naming the first missing block
     */
    public static EmbeddedLedger open(Path dataDir, EmbeddedLedgerOptions options, long requiredHeight)
            throws LedgerUnavailableException {
        if (requiredHeight > 0 && !hasBlockFiles(dataDir.resolve("blocks"))) {
            throw new CorruptChainException(0, "there is no block file in " + dataDir.resolve("blocks")
                    + ", but evidence is known to be anchored in block " + (requiredHeight - 1)
                    + " (a fresh ledger would be started beside it)");
        }
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(dataDir);
            lockChannel = FileChannel.open(dataDir.resolve("ledger.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = lockChannel.tryLock();
            if (lock == null) {
                throw new LedgerUnavailableException(LedgerPhase.OPEN, "ledger directory " + dataDir + " is in use by another process");
            }
            LedgerIdentities identities = LedgerIdentities.loadOrCreate(dataDir.resolve("msp"), options.writerMsp());
            WorldState state = new WorldState();
            ChainReplay replay = new ChainReplay(state, identities.node(), options.channel(), options.chaincode());
            long started = System.nanoTime();
            BlockStore store = BlockStore.open(dataDir.resolve("blocks"), replay);
            if (store.height() < requiredHeight) {
                long missing = store.height();
                store.close();
                throw new CorruptChainException(missing, "block " + missing + " is missing: the ledger ends after block "
                        + (missing - 1) + ", but evidence is known to be anchored in block " + (requiredHeight - 1));
            }
            EmbeddedLedger ledger = new EmbeddedLedger(dataDir, options, identities, state, store, lockChannel, lock,
                    replay);
            if (store.height() == 0) {
                ledger.writeGenesis();
            }
            ledger.writeTrustBundle();
            LOG.log(System.Logger.Level.INFO, "embedded ledger {0}: {1} blocks, {2} transactions verified in {3} ms",
                    dataDir, store.height(), replay.transactions(), (System.nanoTime() - started) / 1_000_000);
            ledger.committer.start();
            return ledger;
        } catch (LedgerUnavailableException e) {
            closeQuietly(lockChannel);
            throw e;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            closeQuietly(lockChannel);
            throw new LedgerUnavailableException(LedgerPhase.OPEN, "cannot open the embedded ledger in " + dataDir + ": " + e, e);
        }
    }

    private static boolean hasBlockFiles(Path blocks) {
        if (!Files.isDirectory(blocks)) {
            return false;
        }
        try (java.util.stream.Stream<Path> files = Files.list(blocks)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("blockfile_"));
        } catch (IOException e) {
            return true; // let the open report what is wrong with the directory
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }

    private void writeGenesis() throws IOException {
        String description = "{\"caCertificate\":" + CanonicalJson.string(identities.caPem()) + ",\"chaincode\":"
                + CanonicalJson.string(options.chaincode()) + ",\"channel\":" + CanonicalJson.string(options.channel())
                + ",\"engine\":\"embedded\",\"writerMsp\":" + CanonicalJson.string(options.writerMsp()) + "}";
        Envelope genesis = FabricMessages.genesisEnvelope(options.channel(), identities.node(), nonce(), now(),
                description);
        Block block = FabricMessages.block(0, new byte[0], List.of(genesis.toByteString()), identities.node(), nonce());
        store.append(block.toByteArray());
        height = 1;
        lastHeaderHash = FabricBlocks.headerHash(block.getHeader());
    }

    // ---- the port ----

    @Override
    public LedgerHealth health() {
        String why = closed ? "closed" : failure;
        return new LedgerHealth(why == null, ENGINE, height, HexFormat.of().formatHex(lastHeaderHash),
                why == null ? "embedded ledger in " + dataDir : why);
    }

    /** The organisation CA certificate (PEM) that auditors should pin with {@code --ca}. */
    public String caCertificatePem() {
        return identities.caPem();
    }

    /** The embedded ledger's one CA signs its writer and its node (endorser and block signer): the bundle is that CA. */
    @Override
    public String trustBundlePem() {
        return identities.caPem();
    }

    /** Writes {@code trust-bundle.pem} into the data directory (replacing it atomically when it differs). */
    private void writeTrustBundle() throws IOException {
        Path bundle = dataDir.resolve(TRUST_BUNDLE);
        String pem = trustBundlePem();
        if (Files.exists(bundle) && Files.readString(bundle, StandardCharsets.US_ASCII).equals(pem)) {
            return;
        }
        Path temporary = dataDir.resolve(TRUST_BUNDLE + ".new");
        Files.writeString(temporary, pem, StandardCharsets.US_ASCII);
        Files.move(temporary, bundle, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Number of blocks, the genesis block included. */
    public long height() {
        return height;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        committer.interrupt();
        try {
            committer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Request request; (request = queue.poll()) != null; ) {
            request.result().completeExceptionally(new LedgerUnavailableException(LedgerPhase.SUBMIT,
                    "the embedded ledger is closed"));
        }
        try {
            store.close();
            lock.release();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the embedded ledger: " + e);
        } finally {
            closeQuietly(lockChannel);
        }
    }

    @Override
    public long blockOf(LedgerEntry entry) throws LedgerUnavailableException {
        unavailableIfDown(LedgerPhase.EVALUATE);
        WorldState.Versioned version;
        state.lock().readLock().lock();
        try {
            version = state.get(StateKeys.evidence(entry.evidenceId()));
        } finally {
            state.lock().readLock().unlock();
        }
        if (version == null) {
            throw new LedgerUnavailableException(LedgerPhase.EVALUATE, entry.txId(), null,
                    "evidence " + entry.evidenceId() + " is not in the world state", null);
        }
        return version.block();
    }

    // ---- receipts ----

    @Override
    protected Receipt receiptOf(String evidenceId, Integer leafIndex)
            throws LedgerRejectedException, LedgerUnavailableException {
        if (evidenceId == null || !Fields.ID.matcher(evidenceId).matches()) {
            throw new LedgerRejectedException(ErrorCode.NOT_FOUND, evidenceId, LedgerPhase.EVALUATE,
                    "NOT_FOUND: no evidence " + evidenceId);
        }
        WorldState.Versioned version;
        state.lock().readLock().lock();
        try {
            version = state.get(StateKeys.evidence(evidenceId));
        } finally {
            state.lock().readLock().unlock();
        }
        if (version == null) {
            throw new LedgerRejectedException(ErrorCode.NOT_FOUND, evidenceId, LedgerPhase.EVALUATE,
                    "NOT_FOUND: no evidence " + evidenceId);
        }
        Block block;
        try {
            block = Block.parseFrom(store.read(version.block()));
        } catch (IOException e) {
            throw new LedgerUnavailableException(LedgerPhase.EVALUATE, "cannot read block " + version.block(), e);
        }
        ReceiptBuilder builder = new ReceiptBuilder(ENGINE, options.channel(), options.chaincode(), evidenceId,
                version.value(), block, version.tx(), List.of(identities.caPem()));
        return build(builder, evidenceId, leafIndex);
    }

    // ---- execution ----

    private static List<String> invocation(String function, String... arguments) {
        List<String> args = new ArrayList<>(arguments.length + 1);
        args.add(EvidenceContract.NAME + ":" + function);
        for (String argument : arguments) {
            args.add(String.valueOf(argument));
        }
        return args;
    }

    @Override
    protected String query(String function, String... arguments)
            throws LedgerRejectedException, LedgerUnavailableException {
        String argument = arguments[0];
        unavailableIfDown(LedgerPhase.EVALUATE);
        state.lock().readLock().lock();
        try {
            InProcessStub stub = new InProcessStub(state, options.channel(), options.chaincode(),
                    "query", now(), identities.writer().serialized(), identities.writer().mspId(),
                    invocation(function, arguments));
            Context ctx = contract.createContext(stub);
            return switch (function) {
                case "readEvidence" -> contract.readEvidence(ctx, argument);
                case "findByDigest" -> contract.findByDigest(ctx, argument);
                case "findInBatch" -> contract.findInBatch(ctx, argument, arguments[1]);
                case "listByProject" -> contract.listByProject(ctx, argument);
                case "readProjectFacts" -> contract.readProjectFacts(ctx, argument);
                default -> throw new IllegalArgumentException(function);
            };
        } catch (ContractRejection e) {
            throw new LedgerRejectedException(e.code(), argument, LedgerPhase.EVALUATE, null, null, e.getMessage());
        } catch (RuntimeException e) {
            throw new LedgerUnavailableException(LedgerPhase.EVALUATE, "query " + function + " failed: " + e, e);
        } finally {
            state.lock().readLock().unlock();
        }
    }

    @Override
    protected String anchoredBy() {
        return options.anchoredBy();
    }

    @Override
    protected Executed execute(String function, String subject, String... args)
            throws LedgerRejectedException, LedgerUnavailableException {
        unavailableIfDown(LedgerPhase.ENDORSE);
        List<String> invocation = new ArrayList<>(args.length + 1);
        invocation.add(EvidenceContract.NAME + ":" + function);
        invocation.addAll(List.of(args));
        Request request = new Request(function, invocation, subject, new CompletableFuture<>());
        queue.add(request);
        if (closed) {
            request.result().completeExceptionally(new LedgerUnavailableException(LedgerPhase.SUBMIT,
                    "the embedded ledger is closed"));
        }
        try {
            TxResult result = request.result().get();
            return new Executed(result.txId(), result.result(), result.blockNumber());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException(LedgerPhase.COMMIT_STATUS, "interrupted while waiting for the block", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LedgerRejectedException rejected) {
                throw rejected.rethrown();
            }
            if (cause instanceof LedgerUnavailableException unavailable) {
                throw new LedgerUnavailableException(unavailable.phase(), unavailable.transactionId(),
                        unavailable.status(), unavailable.getMessage(), unavailable);
            }
            throw new LedgerUnavailableException(LedgerPhase.COMMIT, String.valueOf(cause.getMessage()), cause);
        }
    }

    /** The block of the transaction that wrote the evidence key (committed, since a block is applied before answers). */
    @Override
    protected long blockOf(String evidenceId, String txId) throws LedgerUnavailableException {
        state.lock().readLock().lock();
        try {
            WorldState.Versioned version = state.get(StateKeys.evidence(evidenceId));
            if (version == null) {
                throw new LedgerUnavailableException(LedgerPhase.EVALUATE, txId, null,
                        "evidence " + evidenceId + " was reported anchored by " + txId
                        + " but is not in the state", null);
            }
            return version.block();
        } finally {
            state.lock().readLock().unlock();
        }
    }

    private void unavailableIfDown(LedgerPhase phase) throws LedgerUnavailableException {
        if (closed) {
            throw new LedgerUnavailableException(phase, "the embedded ledger is closed");
        }
        if (failure != null) {
            throw new LedgerUnavailableException(phase, failure);
        }
    }

    private void commitLoop() {
        while (!closed) {
            Request first;
            try {
                first = queue.take();
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            commitBlock(first);
        }
    }

    private void commitBlock(Request first) {
        long blockNumber = height;
        BlockOverlay overlay = new BlockOverlay(state);
        List<ByteString> envelopes = new ArrayList<>();
        List<WorldState.TxWrites> writes = new ArrayList<>();
        List<Request> requests = new ArrayList<>();
        List<Object> outcomes = new ArrayList<>();
        long bytes = 0;
        for (Request request = first; request != null; request = envelopes.size() < options.maxBlockTransactions()
                && bytes < options.maxBlockBytes() ? queue.poll() : null) {
            requests.add(request);
            String txId = null;
            try {
                byte[] nonce = nonce();
                txId = FabricBlocks.txId(nonce,
                        identities.writer().serialized().toByteArray());
                Instant time = now();
                InProcessStub stub = new InProcessStub(overlay, options.channel(),
                        options.chaincode(), txId, time, identities.writer().serialized(), identities.writer().mspId(),
                        request.args());
                String result = invoke(contract.createContext(stub), request);
                if (stub.writes().isEmpty()) {
                    outcomes.add(new TxResult(result, txId, -1));
                    continue;
                }
                Envelope envelope = FabricMessages.endorserTransaction(options.channel(), options.chaincode(),
                        identities.writer(), identities.node(), nonce, txId, time, request.args(),
                        stub.readWriteSet(), stub.chaincodeEvent(), ByteString.copyFromUtf8(result));
                int txNumber = envelopes.size();
                ByteString envelopeBytes = envelope.toByteString();
                envelopes.add(envelopeBytes);
                bytes += envelopeBytes.size();
                writes.add(new WorldState.TxWrites(stub.writes()));
                overlay.put(blockNumber, txNumber, stub.writes());
                outcomes.add(new TxResult(result, txId, blockNumber));
            } catch (ContractRejection e) {
                outcomes.add(new LedgerRejectedException(e.code(), request.evidenceId(), LedgerPhase.ENDORSE, txId,
                        null, e.getMessage()));
            } catch (RuntimeException e) {
                outcomes.add(new LedgerUnavailableException(LedgerPhase.ENDORSE, txId, null, "contract failed: " + e, e));
            }
        }
        if (!envelopes.isEmpty()) {
            try {
                Block block = FabricMessages.block(blockNumber, lastHeaderHash, envelopes, identities.node(), nonce());
                store.append(block.toByteArray());
                state.apply(blockNumber, writes);
                lastHeaderHash = FabricBlocks.headerHash(block.getHeader());
                height = blockNumber + 1;
            } catch (IOException | RuntimeException e) {
                failure = "block " + blockNumber + " could not be written: " + e;
                LOG.log(System.Logger.Level.ERROR, failure, e);
                for (Request request : requests) {
                    request.result().completeExceptionally(new LedgerUnavailableException(LedgerPhase.COMMIT,
                            null, null, failure, e));
                }
                return;
            }
        }
        for (int i = 0; i < requests.size(); i++) {
            Object outcome = outcomes.get(i);
            if (outcome instanceof TxResult result) {
                requests.get(i).result().complete(result);
            } else {
                requests.get(i).result().completeExceptionally((Exception) outcome);
            }
        }
    }

    private String invoke(Context ctx, Request request) {
        List<String> args = request.args();
        return switch (request.function()) {
            case "anchorDocument" -> contract.anchorDocument(ctx, args.get(1));
            case "anchorDecision" -> contract.anchorDecision(ctx, args.get(1));
            case "anchorProject" -> contract.anchorProject(ctx, args.get(1));
            case "anchorBatch" -> contract.anchorBatch(ctx, args.get(1), args.get(2));
            case "anchorGroup" -> contract.anchorGroup(ctx, args.get(1));
            case "seal" -> contract.seal(ctx, args.get(1));
            default -> throw new IllegalArgumentException("unknown transaction " + request.function());
        };
    }

    private byte[] nonce() {
        byte[] nonce = new byte[24];
        random.nextBytes(nonce);
        return nonce;
    }

    private Instant now() {
        return options.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
