package cn.landreserve.documents;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * Ingest benchmark (a command, not a test): see {@code document-store/bench.sh} and docs/benchmarks.md.
 * Puts N MiB (default 1024) through {@link DocumentStore#put} with both digests, and through the very same upload
 * path with hashing switched off, against an embedded S3 server in this JVM; then SHA-256 and SM3 alone in memory;
 * and reports the peak heap. Run with -Xmx256m to show the bound.
 */
public final class IngestBenchmark {

    private static final int MiB = 1024 * 1024;

    private IngestBenchmark() {}

    public static void main(String[] args) throws Exception {
        long size = (args.length > 0 ? Long.parseLong(args[0]) : 1024) * MiB;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("ingest-bench");
        System.out.printf("ingest benchmark: %d MiB per run, %d rounds, %d cores, max heap %d MiB, java %s%n",
                size / MiB, rounds, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / MiB, System.getProperty("java.version"));
        boolean inProcess = args.length > 2 && "in-process".equals(args[2]);
        try (ServerHandle server = inProcess ? ServerHandle.inProcess(dir) : ServerHandle.child(dir);
                DocumentStore store = DocumentStore.open(server.config)) {
            System.out.printf("part size %d MiB, %d upload buffers; S3 server %s at %s%n",
                    store.config().partSize() / MiB, store.config().uploadBuffers(),
                    inProcess ? "in this JVM" : "in a separate JVM (-Xmx1g) on the same 2 cores", server.config.endpoint());
            // warm-up: JIT, connections, buffer allocation
            put(store, 128L * MiB, true);
            put(store, 128L * MiB, false);
            HeapSampler heap = HeapSampler.start();
            List<Double> withDigests = new ArrayList<>();
            List<Double> plain = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                double p = put(store, size, false);
                double d = put(store, size, true);
                plain.add(p);
                withDigests.add(d);
                System.out.printf("round %d: plain upload %.1f MB/s, put with SHA-256+SM3 %.1f MB/s (ratio %.2f)%n",
                        round, p, d, d / p);
                clean(dir.resolve("blobs"));
            }
            heap.stop();
            double medianPlain = median(plain);
            double medianPut = median(withDigests);
            System.out.printf("median: plain upload %.1f MB/s, put with both digests %.1f MB/s, ratio %.2f%n",
                    medianPlain, medianPut, medianPut / medianPlain);
            System.out.printf("heap during the measured puts: peak used %d MiB, peak live after GC %d MiB, -Xmx %d MiB"
                    + " (%s)%n", heap.peakUsed / MiB, heap.peakAfterGc / MiB,
                    Runtime.getRuntime().maxMemory() / MiB, inProcess ? "server and client in one JVM" : "client only");
        }
        System.out.printf("in memory, 1 GiB: SHA-256 (JDK) %.1f MB/s, SM3 (BouncyCastle) %.1f MB/s, both in one pass"
                + " %.1f MB/s%n", hashRate("SHA-256"), hashRate("SM3"), hashRate("both"));
        clean(dir);
    }

    /** Returns MB/s (10^6 bytes per second); prints the CPU the whole process used per GiB. */
    private static double put(DocumentStore store, long size, boolean hashing) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        Ingest.Result r = store.ingest(hashing).put(store.newKey(), new RepeatingStream(size), -1,
                Map.of(S3ObjectStore.META_ORIGINAL_NAME, "bench.pdf"));
        long nanos = System.nanoTime() - start;
        long cpu = os.getProcessCpuTime() - cpuStart;
        if (r.size() != size) {
            throw new IllegalStateException("stored " + r.size() + " of " + size + " bytes");
        }
        double gib = (double) size / (1L << 30);
        System.out.printf("  %-22s %6.2f s wall, %6.2f CPU-s per GiB (%.2f cores busy)%n",
                hashing ? "put with both digests:" : "plain upload:", nanos / 1e9, cpu / 1e9 / gib, (double) cpu / nanos);
        return size / 1e6 / (nanos / 1e9);
    }

    private static double hashRate(String which) {
        byte[] buffer = new byte[16 * MiB];
        new SplittableRandom(1).nextBytes(buffer);
        int passes = 64;
        for (int warm = 0; warm < 2; warm++) {
            hash(which, buffer, 4);
        }
        long start = System.nanoTime();
        hash(which, buffer, passes);
        return (double) passes * buffer.length / 1e6 / ((System.nanoTime() - start) / 1e9);
    }

    private static void hash(String which, byte[] buffer, int passes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            SM3Digest sm3 = new SM3Digest();
            DualDigest both = new DualDigest();
            for (int i = 0; i < passes; i++) {
                switch (which) {
                    case "SHA-256" -> sha.update(buffer);
                    case "SM3" -> sm3.update(buffer, 0, buffer.length);
                    default -> both.update(buffer, 0, buffer.length);
                }
            }
            sha.digest();
            sm3.doFinal(new byte[32], 0);
            both.finish();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The S3 server: in this JVM, or a child JVM so that heap and CPU figures are the client's alone. */
    private static final class ServerHandle implements AutoCloseable {
        final DocumentStoreConfig config;
        private final AutoCloseable stop;

        private ServerHandle(DocumentStoreConfig config, AutoCloseable stop) {
            this.config = config;
            this.stop = stop;
        }

        static ServerHandle inProcess(Path dir) throws IOException {
            EmbeddedS3Server server = EmbeddedS3Server.start(dir, 0);
            return new ServerHandle(server.clientConfig("bench"), server);
        }

        static ServerHandle child(Path dir) throws IOException {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                    "-cp", System.getProperty("java.class.path"), EmbeddedS3ServerProcess.class.getName(), dir.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine(); // log lines first, then ours
            } while (line != null && !line.startsWith("S3SERVER "));
            if (line == null) {
                p.destroy();
                throw new IOException("the S3 server process did not start");
            }
            String[] parts = line.trim().split(" ");
            Thread drain = new Thread(() -> {
                try {
                    out.transferTo(java.io.Writer.nullWriter());
                } catch (IOException ignored) {
                    // the child is gone
                }
            });
            drain.setDaemon(true);
            drain.start();
            return new ServerHandle(DocumentStoreConfig.of(java.net.URI.create(parts[1]), parts[2], parts[3], "bench"),
                    () -> {
                        p.getOutputStream().close();
                        if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                            p.destroy();
                        }
                    });
        }

        @Override
        public void close() throws Exception {
            stop.close();
        }
    }

    /** Samples heap use every 10 ms: used (including garbage) and live after the last collection. */
    private static final class HeapSampler implements Runnable {
        private final Thread thread = new Thread(this, "heap-sampler");
        private volatile boolean running = true;
        volatile long peakUsed;
        volatile long peakAfterGc;

        static HeapSampler start() {
            HeapSampler s = new HeapSampler();
            s.thread.setDaemon(true);
            s.thread.start();
            return s;
        }

        @Override
        public void run() {
            List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            while (running) {
                peakUsed = Math.max(peakUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                long afterGc = 0;
                for (MemoryPoolMXBean pool : heapPools) {
                    if (pool.getCollectionUsage() != null) {
                        afterGc += pool.getCollectionUsage().getUsed();
                    }
                }
                peakAfterGc = Math.max(peakAfterGc, afterGc);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void clean(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(root) && (Files.isRegularFile(p) || !p.getParent().equals(root))) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** A PDF header, then a 1 MiB random block repeated: cheap to produce, so the source is not what is measured. */
    private static final class RepeatingStream extends InputStream {
        private static final byte[] BLOCK = block();
        private final long size;
        private long position;

        RepeatingStream(long size) {
            this.size = size;
        }

        private static byte[] block() {
            byte[] b = new byte[MiB];
            new SplittableRandom(2026).nextBytes(b);
            System.arraycopy(SeededStream.PDF_HEADER, 0, b, 0, SeededStream.PDF_HEADER.length);
            return b;
        }

        @Override
        public int read() {
            return position < size ? BLOCK[(int) (position++ % MiB)] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int inBlock = (int) (position % MiB);
            int n = (int) Math.min(Math.min(len, MiB - inBlock), size - position);
            System.arraycopy(BLOCK, inBlock, b, off, n);
            position += n;
            return n;
        }
    }
}
