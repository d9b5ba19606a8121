package org.mallku.heartbeat.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * The machine's PostgreSQL, which the database tests use directly (no container engine for Dev Services): a schema
 * of its own per test class, made by Flyway at start. {@code HEARTBEAT_TEST_DATABASE_URL} names another database.
 */
public final class Database {

    public static final String URL = System.getenv().getOrDefault("HEARTBEAT_TEST_DATABASE_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getenv().getOrDefault("HEARTBEAT_TEST_DATABASE_USER", "postgres");

    private Database() {
    }

    /** A schema name no other test uses. */
    public static String newSchema() {
        return "heartbeat_test_" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String url(String schema) {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** The configuration of the PostgreSQL store on {@code schema}. */
    public static Map<String, String> store(String schema) {
        Map<String, String> config = new HashMap<>();
        config.put("heartbeat.store", "postgresql");
        config.put("quarkus.datasource.jdbc.url", url(schema));
        config.put("quarkus.datasource.username", USER);
        config.put("quarkus.flyway.schemas", schema);
        return config;
    }

    public static Connection connect(String schema) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        return DriverManager.getConnection(url(schema), properties);
    }
}
