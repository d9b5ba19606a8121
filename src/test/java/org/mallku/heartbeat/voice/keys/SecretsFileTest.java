package org.mallku.heartbeat.voice.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mallku.heartbeat.testing.Fifo;

/** The secrets file is looked at before it is opened: only a regular file of a sensible size is read. */
class SecretsFileTest {

    @TempDir
    Path dir;

    @Test
    void aFifoIsIgnoredWithOneWarningAndNeverOpened() throws Exception {
        Path fifo = Fifo.make(dir.resolve("api_keys.json"));
        SecretsFile.Contents contents = Fifo.withoutHanging(() -> SecretsFile.read(fifo));
        assertEquals(Map.of(), contents.values());
        assertEquals(List.of("Secrets file " + fifo + " is ignored: it is a FIFO, not a regular file"), contents.warnings());
    }

    @Test
    void aFolderOrAFileTooLargeToBeASecretsFileIsIgnored() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder.json"));
        assertEquals(List.of("Secrets file " + folder + " is ignored: it is a folder, not a regular file"),
                SecretsFile.read(folder).warnings());
        Path huge = dir.resolve("huge.json");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(3L * 1024 * 1024); // sparse: no disk
        }
        assertEquals(List.of("Secrets file " + huge + " is ignored: it is 3 MiB, over the limit of 1 MiB"),
                SecretsFile.read(huge).warnings());
    }

    /** Kubernetes mounts a secret as a link to a file of its own: that one is read. */
    @Test
    void aLinkToARegularFileIsRead() throws IOException {
        Path real = Files.writeString(dir.resolve("..data-api_keys.json"), "{\"ANTHROPIC_API_KEY\": \"sk-ant-x\"}");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-------"));
        Path link = Files.createSymbolicLink(dir.resolve("api_keys.json"), real.getFileName());
        SecretsFile.Contents contents = SecretsFile.read(link);
        assertEquals(Map.of("ANTHROPIC_API_KEY", "sk-ant-x"), contents.values());
        assertEquals(List.of(), contents.warnings());
    }

    @Test
    void aMissingFileIsSimplyEmpty() {
        assertEquals(new SecretsFile.Contents(Map.of(), List.of()), SecretsFile.read(dir.resolve("none.json")));
    }
}
