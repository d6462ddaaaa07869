package cn.landreserve.workflow.objectstore;

import cn.landreserve.documents.DocumentStore;
import cn.landreserve.documents.DocumentStoreConfig;
import cn.landreserve.documents.DocumentStoreException;
import cn.landreserve.documents.EmbeddedS3Server;
import cn.landreserve.documents.RetentionMode;
import cn.landreserve.documents.StoreHealth;
import cn.landreserve.workflow.infra.InvalidSettingException;
import cn.landreserve.workflow.infra.ReserveProperties;
import java.io.IOException;
import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The object store: MinIO (or any S3 server) when {@code reserve.s3.endpoint} is set, otherwise an embedded S3
 * server on loopback keeping its files under {@code <data-dir>/objects}.
 */
@Configuration(proxyBeanMethods = false)
class ObjectStoreConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${reserve.s3.endpoint:}'.isBlank()")
    EmbeddedS3Server embeddedS3Server(ReserveProperties properties) {
        try {
            return EmbeddedS3Server.start(properties.dataDir().resolve("objects"), properties.s3().embeddedPort());
        } catch (IOException | RuntimeException e) {
            throw new InvalidSettingException("reserve.data-dir",
                    "the embedded S3 server could not start in " + properties.dataDir().resolve("objects"), e);
        }
    }

    @Bean(destroyMethod = "close")
    DocumentStore documentStore(ReserveProperties properties, ObjectProvider<EmbeddedS3Server> embedded) {
        ReserveProperties.ObjectStore s3 = properties.s3();
        DocumentStoreConfig config;
        if (s3.external()) {
            require("reserve.s3.access-key", s3.accessKey());
            require("reserve.s3.secret-key", s3.secretKey());
            URI endpoint;
            try {
                endpoint = URI.create(s3.endpoint());
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException("reserve.s3.endpoint", "is not a URL: " + s3.endpoint());
            }
            config = DocumentStoreConfig.of(endpoint, s3.accessKey(), s3.secretKey(), s3.bucket())
                    .withRegion(s3.region())
                    .withObjectLock(s3.retentionDays(), RetentionMode.COMPLIANCE);
        } else {
            config = embedded.getObject().clientConfig(s3.bucket());
        }
        try {
            return DocumentStore.open(config.withMaxSizeBytes(s3.maxSize().toBytes()));
        } catch (DocumentStoreException | RuntimeException e) {
            throw new InvalidSettingException(s3.external() ? "reserve.s3.endpoint" : "reserve.data-dir",
                    "the object store cannot be reached or refused the credentials", e);
        }
    }

    /** Health component {@code objectStore}: reachable, and whether versioning and object lock are in force. */
    @Bean
    HealthIndicator objectStoreHealthIndicator(DocumentStore store) {
        return () -> {
            StoreHealth health = store.health();
            Health.Builder builder = health.reachable() ? Health.up() : Health.down();
            return builder.withDetail("endpoint", health.endpoint())
                    .withDetail("bucket", health.bucket())
                    .withDetail("versioning", health.versioning())
                    .withDetail("objectLock", health.objectLock())
                    .withDetail("worm", health.worm())
                    .withDetail("detail", health.detail())
                    .build();
        };
    }

    private static void require(String property, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidSettingException(property, "is required when reserve.s3.endpoint is set");
        }
    }
}
