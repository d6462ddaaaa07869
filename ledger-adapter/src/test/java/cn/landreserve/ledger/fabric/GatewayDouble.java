package cn.landreserve.ledger.fabric;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * The Fabric gateway double as other modules' tests use it: the in-process gateway running the real contract, with
 * its PKI written to a directory and a {@code connection.json} there that the service reads in fabric mode.
 */
public final class GatewayDouble implements AutoCloseable {

    private final FakeGateway gateway;
    private final Path connectionFile;

    private GatewayDouble(FakeGateway gateway, Path connectionFile) {
        this.gateway = gateway;
        this.connectionFile = connectionFile;
    }

    /** Starts a gateway on a free loopback port; certificates and {@code connection.json} go to {@code dir}. */
    public static GatewayDouble start(Path dir) throws IOException, GeneralSecurityException {
        TestPki pki = new TestPki();
        pki.write(dir, 0);
        FakeGateway gateway = new FakeGateway(pki).start(dir);
        pki.write(dir, gateway.port());
        Path file = dir.resolve("connection.json");
        Files.writeString(file, """
                {"endpoint":"127.0.0.1:%d","tlsCaCert":"tls-ca.pem","serverNameOverride":"%s","mspId":"%s",\
                "clientCert":"client-cert.pem","privateKey":"client-key.pem","channel":"%s","chaincode":"%s",\
                "organisationCas":["reserve-ca.pem","audit-ca.pem","orderer-ca.pem"]}
                """.formatted(gateway.port(), TestPki.TLS_HOST, TestPki.RESERVE_MSP, FakeGateway.CHANNEL,
                FakeGateway.CHAINCODE));
        return new GatewayDouble(gateway, file);
    }

    /** The file to give the service as {@code reserve.ledger.fabric.connection-file}. */
    public Path connectionFile() {
        return connectionFile;
    }

    /** Blocks committed so far, the configuration block included. */
    public long height() {
        return gateway.height();
    }

    @Override
    public void close() {
        gateway.close();
    }
}
