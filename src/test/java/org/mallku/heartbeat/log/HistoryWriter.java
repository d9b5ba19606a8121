package org.mallku.heartbeat.log;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.testing.Pulses;
import org.mallku.heartbeat.voice.provider.ProviderChannel;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Benchmark helper (bench/run.sh), not a test: writes pulse records with the app's own writer
 * ({@link LogFolder#write}), without the index; the service rebuilds the index on its first start.
 *
 * <pre>
 * HistoryWriter DIR COUNT                 COUNT records, score 0.7, 30 s apart, the newest 1 h ago
 * HistoryWriter DIR scores S1,S2,... [TEXT] one record per score ({@code failed}: a failed pulse), oldest first,
 *                                         1 min apart, the newest 10 min ago; the answering voice says TEXT
 * HistoryWriter DIR largest [UNIT]        one record, 20 min old, of the largest transcript the service can record
 *                                         ({@link Pulses#largest}), each reply UNIT repeated; prints its id
 * </pre>
 */
public final class HistoryWriter {

    private HistoryWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        if (args[1].equals("largest")) {
            LogFolder folder = new LogFolder(dir, new ObjectMapper());
            folder.create();
            Pulse pulse = Pulses.largest(Instant.now().minus(Duration.ofMinutes(20)),
                    args.length > 2 ? args[2] : "A pattern of reciprocity. ", ProviderChannel.MAX_REPLY_BYTES);
            folder.write(pulse);
            System.out.println(pulse.id());
            return;
        }
        List<Double> scores = new ArrayList<>(); // null: a failed pulse
        String text = args.length > 3 ? args[3] : "A pattern of reciprocity.";
        Duration step;
        Instant newest;
        if (args[1].equals("scores")) {
            for (String s : args[2].split(",")) {
                scores.add(s.equals("failed") ? null : Double.parseDouble(s));
            }
            step = Duration.ofMinutes(1);
            newest = Instant.now().minus(Duration.ofMinutes(10));
        } else {
            int count = Integer.parseInt(args[1]);
            for (int i = 0; i < count; i++) {
                scores.add(0.7);
            }
            step = Duration.ofSeconds(30);
            newest = Instant.now().minus(Duration.ofHours(1));
        }
        LogFolder folder = new LogFolder(dir, new ObjectMapper());
        folder.create();
        int n = scores.size();
        long start = System.nanoTime();
        // each write fsyncs (as the service does); several threads keep the disk busy
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        int chunk = Math.max(1, (n + 7) / 8);
        for (int from = 0; from < n; from += chunk) {
            int lo = from;
            int hi = Math.min(n, from + chunk);
            futures.add(pool.submit(() -> {
                for (int i = lo; i < hi; i++) {
                    Instant at = newest.minus(step.multipliedBy(n - 1 - i)).plusMillis(i % 1000);
                    folder.write(scores.get(i) == null ? Pulses.failed(at) : Pulses.scored(at, scores.get(i), text));
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        System.out.printf("wrote %d records to %s in %d ms%n", n, dir, (System.nanoTime() - start) / 1_000_000);
    }
}
