package org.mallku.heartbeat.ui;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.mallku.heartbeat.circle.Reply;
import org.mallku.heartbeat.circle.Round;
import org.mallku.heartbeat.pulse.Pulse;
import org.mallku.heartbeat.pulse.PulseLearned;
import org.mallku.heartbeat.voice.ReplyOutcome;

/**
 * How each voice has answered over the newest {@link #PULSES} pulses since the start, for the status page: kept in
 * memory as pulses are recorded, so that the page reads no file. Not filled from the log at start: finding a
 * record by id lists the log folder, which made starts with 100,000 records 1.4x slower (bench 4).
 */
@ApplicationScoped
public class RecentVoices {

    /** Pulses whose replies are counted. */
    static final int PULSES = 20;

    /** One provider and model: its replies by outcome, and the median latency of those answered. */
    public record Row(String provider, String model, int ok, int timeout, int error, Duration medianLatency) {
    }

    private final Deque<List<Reply>> pulses = new ArrayDeque<>();
    private long version;
    /** Pulses run on another replica count too: the page shows the circle, not this process. */
    void onLearned(@Observes PulseLearned learned) {
        onPulse(learned.pulse());
    }

    synchronized void onPulse(@Observes Pulse pulse) {
        List<Reply> replies = new ArrayList<>();
        for (Round round : pulse.rounds()) {
            replies.addAll(round.replies());
        }
        pulses.addFirst(replies);
        version++;
        while (pulses.size() > PULSES) {
            pulses.removeLast();
        }
    }

    /** Changes whenever {@link #rows()} may: a page made from the rows can be kept until then. */
    public synchronized long version() {
        return version;
    }

    /** The voices heard in the recent pulses, in the order first heard from the newest pulse back. */
    public synchronized List<Row> rows() {
        Map<String, List<Reply>> byVoice = new LinkedHashMap<>();
        for (List<Reply> replies : pulses) {
            for (Reply reply : replies) {
                byVoice.computeIfAbsent(reply.voice().toString(), key -> new ArrayList<>()).add(reply);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (List<Reply> replies : byVoice.values()) {
            int ok = 0;
            int timeout = 0;
            List<Duration> latencies = new ArrayList<>();
            for (Reply reply : replies) {
                if (reply.outcome() == ReplyOutcome.OK) {
                    ok++;
                    latencies.add(reply.latency());
                } else if (reply.outcome() == ReplyOutcome.TIMEOUT) {
                    timeout++;
                }
            }
            latencies.sort(null);
            int n = latencies.size();
            Duration median = n == 0 ? null
                    : n % 2 == 1 ? latencies.get(n / 2) : latencies.get(n / 2 - 1).plus(latencies.get(n / 2)).dividedBy(2);
            Reply first = replies.get(0);
            rows.add(new Row(first.voice().provider(), first.voice().model(), ok, timeout, replies.size() - ok - timeout,
                    median));
        }
        return rows;
    }
}
