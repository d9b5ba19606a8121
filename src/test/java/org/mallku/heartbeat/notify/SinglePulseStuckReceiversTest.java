package org.mallku.heartbeat.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mallku.heartbeat.testing.Isolated;
import org.mallku.heartbeat.testing.Receiver;
import org.mallku.heartbeat.testing.StalledReceiver;
import org.mallku.heartbeat.testing.TestProfileConfig;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/**
 * A single-pulse run whose webhook sends the headers of its answer and never the body, beside a healthy ping
 * receiver and Pushgateway: the pings and the push arrive, and the run exits as the pulse decided once the shutdown
 * timeout has passed, the webhook's notification cut with a WARN naming it by origin, instead of waiting for good.
 * (A stuck Pushgateway: MetricsPushTest.)
 */
@QuarkusMainTest
@TestProfile(SinglePulseStuckReceiversTest.Stuck.class)
class SinglePulseStuckReceiversTest {

    static final String TOKEN = "hook-token-5d2e";
    static final Path DIR = Isolated.logFolder("single-pulse-stuck");
    static final StalledReceiver STALLED = StalledReceiver.start();
    static final Receiver HEALTHY = Receiver.start((request, earlier) -> 200);

    public static class Stuck implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestProfileConfig.scoped(Isolated.config(DIR, Map.of("heartbeat.mode", "single-pulse",
                    "heartbeat.webhooks.stuck.url", STALLED.base() + "/hooks/" + TOKEN,
                    "heartbeat.webhooks.stuck.events", "pulse",
                    "heartbeat.push.url", HEALTHY.base() + "/gateway",
                    "heartbeat.ping.url", HEALTHY.base() + "/ping",
                    "quarkus.shutdown.timeout", "3s")));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        HEALTHY.stop();
        STALLED.close();
    }

    @Test
    void aSinglePulseExitsWithinTheShutdownTimeoutThoughItsWebhookIsStuck(QuarkusMainLauncher launcher) {
        long start = System.nanoTime();
        LaunchResult run = launcher.launch();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String out = run.getOutput() + run.getErrorOutput();

        assertTrue(run.exitCode() == 0 || run.exitCode() == 1, "the pulse's exit code: " + run.exitCode() + out);
        assertEquals(List.of("/ping/start", "/ping" + (run.exitCode() == 1 ? "/fail" : "")),
                HEALTHY.requests().stream().map(Receiver.Request::path).filter(path -> path.startsWith("/ping")).toList(),
                "the healthy receiver got both pings");
        assertTrue(out.contains("Metrics pushed to " + HEALTHY.base()), out);
        assertTrue(out.contains("The webhook stuck at " + STALLED.base()
                + ": 1 notification(s) not sent within the shutdown timeout of 3 s"), out);
        assertTrue(!out.contains(TOKEN), out);
        assertEquals(1, STALLED.requests());
        // the stuck exchange alone would hold the exit 10 s past the pulse, and before its deadline, for good
        assertTrue(took.compareTo(Duration.ofSeconds(60)) < 0, "exited in " + took);
        System.out.println("A single pulse with a stuck webhook exited in " + took.toMillis() + " ms");
    }
}
