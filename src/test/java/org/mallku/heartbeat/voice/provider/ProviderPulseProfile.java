package org.mallku.heartbeat.voice.provider;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Real provider voices (anthropic, openai, google) against a local WireMock fake, no offline voices. */
public class ProviderPulseProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(WireMockProviders.class));
    }
}
