package org.mallku.heartbeat.api;

import java.util.List;
import java.util.Map;

import org.mallku.heartbeat.testing.PreparedLog;
import org.mallku.heartbeat.testing.TestProfileConfig;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The same table without heartbeat.api.token: every write the REST layer would serve is refused with 403. */
@QuarkusTest
@TestProfile(PathSpellingWithoutTokenTest.WithoutToken.class)
class PathSpellingWithoutTokenTest extends PathSpellingTest {

    public static class WithoutToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestProfileConfig.scoped(Map.of("heartbeat.api.manual-cooldown", "0s",
                    "heartbeat.daily-pulse.enabled", "false", "heartbeat.pulse-interval", "24h",
                    "heartbeat.check-in-duration", "1s"));
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PreparedLog.class, Map.of("age", "PT1M")));
        }
    }

    /** Where a token would have been checked (401 without it), the answer is 403 whatever is sent. */
    @Override
    int expected(Row row, String authorization) {
        return row.none() == 401 ? 403 : row.none();
    }
}
