package org.mallku.heartbeat.log;

import java.nio.file.Path;
import java.time.Instant;

import org.mallku.heartbeat.testing.Pulses;

import com.fasterxml.jackson.databind.ObjectMapper;

/** A child process that writes large records into a folder until it is killed. */
public final class CrashWriter {

    public static void main(String[] args) throws Exception {
        LogFolder folder = new LogFolder(Path.of(args[0]), new ObjectMapper());
        String text = "reciprocity ".repeat(200_000); // ~2.4 MB, so that a kill often lands mid-write
        Instant at = Instant.parse("2026-03-01T00:00:00Z");
        System.out.println("writing");
        for (long i = 0;; i++) {
            folder.write(Pulses.scored(at.plusSeconds(i), 0.8, text));
            System.out.println("wrote " + (i + 1));
        }
    }
}
