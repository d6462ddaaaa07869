package cn.landreserve.workflow.database;

import cn.landreserve.workflow.infra.InvalidSettingException;
import cn.landreserve.workflow.infra.ReserveProperties;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The service's one DataSource: an external PostgreSQL when {@code reserve.db.url} is set, otherwise an
 * embedded server under {@code reserve.data-dir}/postgres. The data source depends on the embedded server,
 * so Spring closes the server only after everything using the database (the process engine first).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${reserve.db.url:}'.isBlank()")
    EmbeddedDatabase embeddedDatabase(ReserveProperties properties) {
        try {
            return EmbeddedDatabase.start(
                    properties.dataDir().resolve("postgres"), properties.db().embeddedPort());
        } catch (IOException | RuntimeException e) {
            throw new InvalidSettingException("reserve.data-dir",
                    "the embedded PostgreSQL could not start in " + properties.dataDir().resolve("postgres"), e);
        }
    }

    @Bean(destroyMethod = "close")
    @Primary
    HikariDataSource dataSource(ReserveProperties properties, ObjectProvider<EmbeddedDatabase> embedded) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("reserve");
        config.setMaximumPoolSize(20);
        config.setConnectionTimeout(10_000);
        ReserveProperties.Database db = properties.db();
        if (db.external()) {
            if (!db.url().startsWith("jdbc:postgresql:")) {
                throw new InvalidSettingException("reserve.db.url", "must be a jdbc:postgresql: URL, got '" + db.url() + "'");
            }
            if (db.username() == null || db.username().isBlank()) {
                throw new InvalidSettingException("reserve.db.username", "is required when reserve.db.url is set");
            }
            if (db.password() == null) {
                throw new InvalidSettingException("reserve.db.password", "is required when reserve.db.url is set");
            }
            config.setJdbcUrl(db.url());
            config.setUsername(db.username());
            config.setPassword(db.password());
        } else {
            EmbeddedDatabase server = embedded.getObject();
            config.setJdbcUrl(server.jdbcUrl());
            config.setUsername(server.username());
            config.setPassword(server.password());
        }
        // Hikari opens its first connection here (initializationFailTimeout): an unreachable database,
        // a wrong password or a missing database fail the start now, naming the setting.
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new InvalidSettingException(db.external() ? "reserve.db.url" : "reserve.data-dir",
                    "the database cannot be reached or refused the login", e);
        }
    }
}
