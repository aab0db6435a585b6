package com.alphaleak.ingest.testing;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresServerTest {
    @Test
    void aServerStartsOnLoopbackAsAnUnprivilegedUserAndLeavesNothingBehindWhenClosed() throws Exception {
        long pid;
        try (PostgresServer pg = PostgresServer.start()) {
            try (Connection c = pg.connect("postgres"); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT inet_server_addr()::text, current_setting('port'), pg_backend_pid()")) {
                assertTrue(r.next());
                assertEquals("127.0.0.1/32", r.getString(1));
                assertEquals(String.valueOf(pg.port()), r.getString(2));
            }
            pid = serverPid(pg);
            String owner = new String(new ProcessBuilder("ps", "-o", "user=", "-p", String.valueOf(pid)).start()
                    .getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertFalse(owner.equals("root") || owner.isEmpty(), "server runs as '" + owner + "'");
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "server still running after close");
    }

    private static long serverPid(PostgresServer pg) throws Exception {
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT pg_postmaster_start_time(), (SELECT setting FROM pg_settings WHERE name='data_directory')")) {
            r.next();
            String dataDir = r.getString(2);
            String pidLine = java.nio.file.Files.readAllLines(java.nio.file.Path.of(dataDir, "postmaster.pid")).get(0);
            return Long.parseLong(pidLine.trim());
        }
    }
}
