package org.mallku.heartbeat.voice.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mallku.heartbeat.voice.provider.ProviderSpec;

/** Key discovery order (config, environment, secrets file), aliases, placeholders and secrets-file problems. */
class KeyDiscoveryTest {

    @TempDir
    Path dir;

    private final Map<ProviderSpec, String> configured = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();

    private KeyDiscovery.Result<ProviderSpec> discover(Path file) {
        return KeyDiscovery.discover(List.of(ProviderSpec.values()), p -> Optional.ofNullable(configured.get(p)),
                n -> Optional.ofNullable(env.get(n)), file);
    }

    private Path secrets(String json) throws IOException {
        Path file = dir.resolve("api_keys.json");
        Files.writeString(file, json);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @Test
    void configBeatsEnvironmentBeatsSecretsFile() throws IOException {
        Path file = secrets("{\"ANTHROPIC_API_KEY\": \"file-a\", \"OPENAI_API_KEY\": \"file-o\", \"MISTRAL_API_KEY\": \"file-m\"}");
        configured.put(ProviderSpec.ANTHROPIC, "config-a");
        env.put("ANTHROPIC_API_KEY", "env-a");
        env.put("OPENAI_API_KEY", "env-o");

        KeyDiscovery.Result<ProviderSpec> result = discover(file);

        assertEquals("config-a", result.key(ProviderSpec.ANTHROPIC).orElseThrow().value());
        assertEquals("heartbeat.providers.anthropic.api-key", result.key(ProviderSpec.ANTHROPIC).orElseThrow().source());
        assertEquals("env-o", result.key(ProviderSpec.OPENAI).orElseThrow().value());
        assertEquals("OPENAI_API_KEY", result.key(ProviderSpec.OPENAI).orElseThrow().source());
        assertEquals("file-m", result.key(ProviderSpec.MISTRAL).orElseThrow().value());
        assertEquals("secrets file MISTRAL_API_KEY", result.key(ProviderSpec.MISTRAL).orElseThrow().source());
        assertTrue(result.key(ProviderSpec.GOOGLE).isEmpty(), "no key anywhere: simply unavailable");
        assertEquals(List.of(), result.warnings());
    }

    @Test
    void aliasesAreAcceptedAfterTheReferenceName() throws IOException {
        env.put("GEMINI_API_KEY", "gemini");
        env.put("XAI_API_KEY", "xai");
        env.put("GROK_API_KEY", "grok");
        KeyDiscovery.Result<ProviderSpec> result = discover(dir.resolve("missing.json"));
        assertEquals("gemini", result.key(ProviderSpec.GOOGLE).orElseThrow().value());
        assertEquals("GEMINI_API_KEY", result.key(ProviderSpec.GOOGLE).orElseThrow().source());
        assertEquals("grok", result.key(ProviderSpec.GROK).orElseThrow().value(), "the reference name wins over the alias");

        env.clear();
        Path file = secrets("{\"XAI_API_KEY\": \"xai-file\", \"GEMINI_API_KEY\": \"gem-file\", \"GOOGLE_API_KEY\": \"goo-file\"}");
        result = discover(file);
        assertEquals("xai-file", result.key(ProviderSpec.GROK).orElseThrow().value());
        assertEquals("goo-file", result.key(ProviderSpec.GOOGLE).orElseThrow().value());
    }

    @Test
    void placeholdersAndBlanksAreSkippedAtEveryStep() throws IOException {
        Path file = secrets("{\"ANTHROPIC_API_KEY\": \"...your key here\", \"OPENAI_API_KEY\": \"real-o\", \"DEEPSEEK_API_KEY\": \"  \"}");
        configured.put(ProviderSpec.OPENAI, "...");
        env.put("OPENAI_API_KEY", "... placeholder");
        KeyDiscovery.Result<ProviderSpec> result = discover(file);
        assertTrue(result.key(ProviderSpec.ANTHROPIC).isEmpty(), "a placeholder is no key");
        assertTrue(result.key(ProviderSpec.DEEPSEEK).isEmpty(), "a blank is no key");
        assertEquals("real-o", result.key(ProviderSpec.OPENAI).orElseThrow().value(), "placeholders fall through to the file");
    }

    @Test
    void theLocalProviderIsFoundByItsEndpoint() throws IOException {
        env.put("LOCAL_API_ENDPOINT", "http://localhost:11434/v1");
        assertEquals("http://localhost:11434/v1", discover(dir.resolve("none.json")).key(ProviderSpec.LOCAL).orElseThrow().value());
        configured.put(ProviderSpec.LOCAL, "http://gpu-box:8000/v1");
        assertEquals("heartbeat.providers.local.base-url", discover(dir.resolve("none.json")).key(ProviderSpec.LOCAL).orElseThrow().source());
    }

    @Test
    void aMissingSecretsFileIsFine() {
        KeyDiscovery.Result<ProviderSpec> result = discover(dir.resolve("nowhere/api_keys.json"));
        assertTrue(result.keys().isEmpty());
        assertEquals(List.of(), result.warnings());
    }

    @Test
    void aMalformedSecretsFileIsOneWarningThatNamesTheFileAndNeverItsContent() throws IOException {
        Path file = secrets("{\"ANTHROPIC_API_KEY\": \"sk-ant-SECRET-123\",\n  \"OPENAI_API_KEY\" \"sk-SECRET-456\"}");
        env.put("OPENAI_API_KEY", "env-o");
        KeyDiscovery.Result<ProviderSpec> result = discover(file);
        assertEquals(1, result.warnings().size(), result.warnings().toString());
        String warning = result.warnings().get(0);
        assertTrue(warning.contains(file.toString()) && warning.contains("not valid JSON") && warning.contains("line 2"), warning);
        assertFalse(warning.contains("SECRET"), warning);
        assertTrue(result.key(ProviderSpec.ANTHROPIC).isEmpty(), "nothing is taken from a malformed file");
        assertEquals("env-o", result.key(ProviderSpec.OPENAI).orElseThrow().value(), "other sources still work");
    }

    @Test
    void aSecretsFileThatIsNotAFlatObjectIsIgnoredWithAWarning() throws IOException {
        KeyDiscovery.Result<ProviderSpec> result = discover(secrets("[\"sk-SECRET\"]"));
        assertEquals(1, result.warnings().size());
        assertTrue(result.warnings().get(0).contains("flat JSON object"), result.warnings().get(0));

        result = discover(secrets("{\"ANTHROPIC_API_KEY\": {\"nested\": \"sk-SECRET\"}, \"OPENAI_API_KEY\": \"ok\"}"));
        assertEquals(1, result.warnings().size());
        assertTrue(result.warnings().get(0).contains("ANTHROPIC_API_KEY is not a string"), result.warnings().get(0));
        assertFalse(result.warnings().get(0).contains("SECRET"));
        assertEquals("ok", result.key(ProviderSpec.OPENAI).orElseThrow().value());
    }

    @Test
    void anUnreadableSecretsFileIsOneWarning() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("api_keys.json"));
        KeyDiscovery.Result<ProviderSpec> result = discover(folder);
        assertEquals(1, result.warnings().size());
        assertTrue(result.warnings().get(0).contains(folder.toString()) && result.warnings().get(0).contains("a folder, not a regular file"),
                result.warnings().get(0));
    }

    @Test
    void aSecretsFileReadableByOthersGetsAWarningButIsUsed() throws IOException {
        Path file = secrets("{\"ANTHROPIC_API_KEY\": \"sk-ant\"}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        KeyDiscovery.Result<ProviderSpec> result = discover(file);
        assertEquals(1, result.warnings().size());
        assertTrue(result.warnings().get(0).contains("readable by other users") && result.warnings().get(0).contains("chmod 600"),
                result.warnings().get(0));
        assertEquals("sk-ant", result.key(ProviderSpec.ANTHROPIC).orElseThrow().value());
    }

    @Test
    void aKeyPrintedByMistakeShowsOnlyItsSource() {
        ApiKey key = new ApiKey("sk-SECRET", "ANTHROPIC_API_KEY");
        assertFalse(key.toString().contains("sk-SECRET"));
        assertTrue(key.toString().contains("ANTHROPIC_API_KEY"));
    }
}
