package org.mallku.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The native image can only (de)serialise with Jackson what is registered for reflection, and Quarkus registers by
 * itself only what REST endpoints return and take. So every record of the main code is either registered (records,
 * the index, provider wire formats, problem bodies, the pulse request) or named here as never serialised: a new
 * record fails this test until its author decides which.
 */
class ReflectionRegistrationTest {

    static final Path CLASSES = Path.of("target/classes");

    /** Records that never meet Jackson: domain values, settings, events; bodies built as maps instead. */
    static final Set<String> NEVER_SERIALISED = Set.of(
            "circle.Circle", "circle.Reply", "circle.Round", "circle.RoundJudgement", "circle.RoundSpec",
            "circle.ScoreTrend", "cli.HeartbeatCommandLine$Invocation", "cli.StatusReport", "database.LogImport$Result", "database.PostgresPulseStore$Waiting", "health.HeartbeatHealth", "log.History", "log.LogFolder$Listing",
            "notify.Webhooks$Hook", "pulse.ManualPulses$Answer$InFlight", "pulse.ManualPulses$Answer$Started",
            "pulse.ManualPulses$Answer$TooSoon", "pulse.Pulse", "pulse.PulseEngine$InFlight", "pulse.PulseHistory",
            "pulse.PulseHistory$Counts", "pulse.PulseLearned", "pulse.PulseSkipped", "pulse.PulseStarted", "pulse.PulseStore$Before$At",
            "pulse.PulseStore$Before$Id", "pulse.PulseSummary", "pulse.PulseTicket", "pulse.Replicas$Claim", "pulse.StoreHealth",
            "pulse.VoiceSummary", "rhythm.Due", "rhythm.DueTimes$Cron", "rhythm.DueTimes$Daily",
            "rhythm.DueTimes$Grid", "rhythm.RhythmView", "util.Outbound$Answer", "voice.TokenUsage", "voice.Utterance", "voice.VoiceAnswer",
            "voice.VoiceId", "voice.VoiceRequest", "voice.keys.KeyDiscovery$Result",
            "voice.keys.SecretsFile$Contents", "voice.provider.AnswerClass$Asked",
            "voice.provider.AnswerClass$MissingModel", "voice.provider.AnswerClass$Refused",
            "voice.provider.AnswerClass$Reply", "voice.provider.AnswerClass$Retryable", "voice.provider.Prompt",
            "voice.provider.ProviderHttp$Answer", "voice.provider.ProviderHttp$Early",
            "voice.provider.ProviderSettings",
            // rendered by Qute (value resolvers made at build time), never by Jackson
            "ui.Overview", "ui.PulseItem", "ui.RecentVoices$Row", "ui.StatusPages$Page", "ui.StatusPages$Shown");

    @Test
    void everyRecordIsRegisteredForReflectionOrKnownNeverToBeSerialised() throws Exception {
        List<Class<?>> classes = mainClasses();
        Set<Class<?>> registered = new HashSet<>();
        for (Class<?> type : classes) {
            RegisterForReflection registration = type.getAnnotation(RegisterForReflection.class);
            if (registration != null) {
                registered.add(type);
                registered.addAll(Arrays.asList(registration.targets()));
            }
        }
        Set<String> unregistered = new TreeSet<>();
        Set<String> records = new TreeSet<>();
        for (Class<?> type : classes) {
            if (type.isRecord()) {
                String name = type.getName().substring("org.mallku.heartbeat.".length());
                records.add(name);
                if (!registered.contains(type) && !NEVER_SERIALISED.contains(name)) {
                    unregistered.add(name);
                }
            }
        }
        assertEquals(Set.of(), unregistered, "register these for reflection, or name them in NEVER_SERIALISED");
        Set<String> stale = new TreeSet<>(NEVER_SERIALISED);
        stale.removeAll(records);
        assertEquals(Set.of(), stale, "no longer records of the main code: take them off NEVER_SERIALISED");
    }

    private static List<Class<?>> mainClasses() throws IOException {
        try (Stream<Path> files = Files.walk(CLASSES.resolve("org/mallku/heartbeat"))) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> CLASSES.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .map(ReflectionRegistrationTest::load)
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ReflectionRegistrationTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
