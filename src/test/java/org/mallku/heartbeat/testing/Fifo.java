package org.mallku.heartbeat.testing;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.function.ThrowingSupplier;

/** Named pipes, made with the system's {@code mkfifo}: a test that needs one is skipped where there is none. */
public final class Fifo {

    private Fifo() {
    }

    /** A FIFO at {@code path}; the test is skipped (an assumption) when {@code mkfifo} is not there. */
    public static Path make(Path path) throws IOException, InterruptedException {
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not installed: a FIFO cannot be made here");
            throw e;
        }
        mkfifo.getInputStream().transferTo(OutputStream.nullOutputStream());
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed on " + path);
        assumeTrue(Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS),
                "mkfifo made no FIFO at " + path);
        return path;
    }

    /**
     * Runs {@code action}, which must not open a FIFO: if it does, it blocks for ever, and this fails it instead
     * (a guard against a hang, not a measure of time).
     */
    public static <T> T withoutHanging(ThrowingSupplier<T> action) {
        return assertTimeoutPreemptively(Duration.ofSeconds(60), action, "blocked, as on opening a FIFO");
    }
}
