package cn.landreserve.ledger.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.landreserve.ledger.merkle.InclusionProof;
import cn.landreserve.ledger.merkle.InclusionProofVerifier;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every stored vector gives exactly the verdict recorded in its index. */
class ReceiptVectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    private static Path vectors() throws URISyntaxException {
        return Path.of(ReceiptVectorsTest.class.getResource("/vectors").toURI());
    }

    static Stream<Arguments> receipts() throws Exception {
        JsonNode index = VectorGenerator.tree(java.nio.file.Files.readString(vectors().resolve("receipts/index.json")));
        List<Arguments> cases = new ArrayList<>();
        index.forEach(c -> {
            List<String> more = new ArrayList<>();
            c.path("args").forEach(a -> more.add(a.asText()));
            cases.add(Arguments.of(c.get("receipt").asText(), c.get("file").asText(null), c.get("ca").asText(null),
                    more, c.get("exitCode").asInt(), c.get("line").asText()));
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} file={1} ca={2} {3}")
    @MethodSource("receipts")
    void receipt_vector_gives_the_recorded_verdict(String receipt, String file, String ca, List<String> more,
            int exitCode, String line) throws Exception {
        Path dir = vectors().resolve("receipts");
        List<String> args = new ArrayList<>(List.of("--receipt", dir.resolve(receipt).toString()));
        if (file != null) {
            args.addAll(List.of("--file", dir.resolve(file).toString()));
        }
        if (ca != null) {
            args.addAll(List.of("--ca", dir.resolve(ca).toString()));
        }
        for (String arg : more) {
            args.add(arg.endsWith(".pem") ? dir.resolve(arg).toString() : arg);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = VerifyCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo(line);
        assertThat(code).isEqualTo(exitCode);
    }

    static Stream<Arguments> proofs() throws Exception {
        JsonNode index = VectorGenerator.tree(java.nio.file.Files.readString(vectors().resolve("inclusion/index.json")));
        List<Arguments> cases = new ArrayList<>();
        index.forEach(c -> cases.add(Arguments.of(c.get("name").asText(), c)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("proofs")
    void inclusion_vector_gives_the_recorded_verdict(String name, JsonNode c) {
        JsonNode p = c.get("proof");
        List<byte[]> path = new ArrayList<>();
        p.get("auditPath").forEach(n -> path.add(HEX.parseHex(n.asText())));
        InclusionProof proof = new InclusionProof(p.get("leafIndex").asLong(), p.get("treeSize").asLong(),
                HEX.parseHex(p.get("leafHash").asText()), path, HEX.parseHex(p.get("root").asText()));
        byte[] leaf = HEX.parseHex(p.get("leaf").asText());
        byte[] root = HEX.parseHex(c.get("expectedRoot").asText());
        String expect = c.get("expect").asText();
        if (expect.equals("OK")) {
            org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> InclusionProofVerifier.verify(leaf, proof, root));
        } else {
            assertThatThrownBy(() -> InclusionProofVerifier.verify(leaf, proof, root)).hasMessage(expect);
        }
    }

    @org.junit.jupiter.api.Test
    void usage_errors_exit_2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(VerifyCommand.run(new String[0], System.out, print)).isEqualTo(2);
        assertThat(VerifyCommand.run(new String[] {"--receipt"}, System.out, print)).isEqualTo(2);
        assertThat(VerifyCommand.run(new String[] {"--bogus", "x"}, System.out, print)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(VerifyCommand.USAGE);
    }

    @org.junit.jupiter.api.Test
    void pinning_and_trusting_the_receipts_own_ca_at_once_is_a_usage_error() throws Exception {
        Path dir = vectors().resolve("receipts");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = VerifyCommand.run(new String[] {"--receipt", dir.resolve("document.json").toString(), "--ca",
            dir.resolve("org-ca.pem").toString(), "--trust-receipt-ca"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("--ca pins a trust root and --trust-receipt-ca");
    }

    @org.junit.jupiter.api.Test
    void a_ca_file_without_a_certificate_fails_naming_it() throws Exception {
        Path dir = vectors().resolve("receipts");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = VerifyCommand.run(new String[] {"--receipt", dir.resolve("document.json").toString(), "--ca",
            dir.resolve("org-ca.pem").toString(), "--ca", dir.resolve("doc-plan-1.pdf").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo("FAILED: certificate chain: cannot read the"
                + " pinned CA " + dir.resolve("doc-plan-1.pdf") + ": no certificate in PEM text");
    }
}
