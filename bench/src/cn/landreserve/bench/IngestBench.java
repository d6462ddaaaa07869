package cn.landreserve.bench;

import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * Ingest benchmark, client side (its own JVM): N MiB through {@code POST /api/tasks/{taskId}/documents} (multipart,
 * HTTP Basic, body streamed from a generator, chunked) against a plain S3 upload of the same bytes (minio client,
 * 16 MiB parts, like the service's document store) to the service's own embedded S3 server; alternating, after a
 * warm-up of each.
 *
 * <p>Args: baseUrl password s3Endpoint credentialsFile bucket mib rounds servicePid
 */
public final class IngestBench {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String password = args[1];
        String s3 = args[2];
        Properties creds = new Properties();
        try (var in = Files.newInputStream(Path.of(args[3]))) {
            creds.load(in);
        }
        String bucket = args[4];
        long size = Long.parseLong(args[5]) << 20;
        int rounds = Integer.parseInt(args[6]);
        long pid = Long.parseLong(args[7]);

        Api applicant = Api.basic(base, "applicant", password);
        MinioClient minio = MinioClient.builder().endpoint(s3)
                .credentials(creds.getProperty("accessKey"), creds.getProperty("secretKey")).build();

        System.out.printf("warm-up: 128 MiB each way%n");
        api(applicant, 128L << 20, pid);
        plain(minio, bucket, 128L << 20, pid);

        List<double[]> apiRuns = new ArrayList<>();
        List<double[]> plainRuns = new ArrayList<>();
        for (int i = 1; i <= rounds; i++) {
            double[] a = api(applicant, size, pid);
            apiRuns.add(a);
            System.out.printf("round %d  API   %7.1f MB/s  (body sent after %.1f s = %.1f MB/s; "
                    + "then %.1f s until the answer)  service CPU %.1f s%n", i, a[0], a[1], size / 1e6 / a[1], a[2] - a[1], a[3]);
            double[] p = plain(minio, bucket, size, pid);
            plainRuns.add(p);
            System.out.printf("round %d  plain %7.1f MB/s  service CPU (the S3 server) %.1f s%n", i, p[0], p[3]);
        }
        double apiMedian = median(apiRuns, 0);
        double plainMedian = median(plainRuns, 0);
        System.out.printf("RESULT ingest size_mib=%d rounds=%d api_mb_s=%.1f plain_mb_s=%.1f ratio=%.2f "
                        + "api_body_sent_s=%.1f api_total_s=%.1f api_service_cpu_s=%.1f plain_service_cpu_s=%.1f%n",
                size >> 20, rounds, apiMedian, plainMedian, apiMedian / plainMedian, median(apiRuns, 1),
                median(apiRuns, 2), median(apiRuns, 3), median(plainRuns, 3));
    }

    /** [MB/s, seconds until the body was sent, seconds until the answer, service CPU seconds] */
    static double[] api(Api applicant, long size, long pid) throws Exception {
        var created = applicant.postJson("/api/projects", Map.of("name", "入库基准项目", "district", "基准区",
                "areaSquareMeters", 1000, "formerIndustrial", false)).expect(201).json();
        String projectId = created.get("id").asText();
        String taskId = Driver.awaitTask(applicant, projectId, "Task_PrepareInitiation", 200);

        String boundary = "----ingest" + UUID.randomUUID();
        Generated body = new Generated(size);
        InputStream stream = new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(Multipart.fields(boundary, Map.of("documentType", "IMPLEMENTATION_PLAN",
                        "classification", "INTERNAL"))),
                new ByteArrayInputStream(Multipart.fileHead(boundary, "实施方案-" + (size >> 20) + "MiB.pdf")),
                body,
                new ByteArrayInputStream(Multipart.tail(boundary)))));
        double cpu0 = ProcTree.cpuSeconds(pid);
        long t0 = System.nanoTime();
        var r = applicant.send(HttpRequest.newBuilder(URI.create(applicant.base + "/api/tasks/" + taskId + "/documents"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.ofInputStream(() -> stream)));
        long t1 = System.nanoTime();
        double cpu = ProcTree.cpuSeconds(pid) - cpu0;
        r.expect(201);
        long stored = r.json().at("/file/size").asLong();
        if (stored != size) {
            throw new IllegalStateException("stored " + stored + " bytes, sent " + size);
        }
        double total = (t1 - t0) / 1e9;
        return new double[] {size / 1e6 / total, (body.drainedAtNanos - t0) / 1e9, total, cpu};
    }

    static double[] plain(MinioClient minio, String bucket, long size, long pid) throws Exception {
        double cpu0 = ProcTree.cpuSeconds(pid);
        long t0 = System.nanoTime();
        minio.putObject(PutObjectArgs.builder().bucket(bucket).object("bench/plain-" + UUID.randomUUID())
                .stream(new Generated(size), -1, 16L << 20).contentType("application/pdf").build());
        double total = (System.nanoTime() - t0) / 1e9;
        return new double[] {size / 1e6 / total, total, total, ProcTree.cpuSeconds(pid) - cpu0};
    }

    static double median(List<double[]> runs, int field) {
        double[] v = runs.stream().mapToDouble(r -> r[field]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
