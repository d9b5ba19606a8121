package org.mallku.heartbeat.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Optional;

/**
 * What a path is, looked at before it is opened: opening a FIFO for reading blocks until a writer comes, a device
 * may never end, and a file's size says whether it is worth reading at all.
 */
public final class RegularFile {

    private RegularFile() {
    }

    /**
     * Why {@code path} is not a regular file of at most {@code limit} bytes, in a few words ("a FIFO, not a regular
     * file", "600 MiB, over the limit of 4 MiB"), or empty when it is one. {@code follow}: whether a symbolic link is
     * looked through (a secrets file mounted by Kubernetes is a link) or is itself the answer. Throws
     * {@link java.nio.file.NoSuchFileException} when there is nothing there.
     */
    public static Optional<String> problem(Path path, long limit, boolean follow) throws IOException {
        LinkOption[] options = follow ? new LinkOption[0] : new LinkOption[] { LinkOption.NOFOLLOW_LINKS };
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, options);
        if (!attributes.isRegularFile()) {
            return Optional.of(kind(path, attributes, options) + ", not a regular file");
        }
        if (attributes.size() > limit) {
            return Optional.of(bytes(attributes.size()) + ", over the limit of " + bytes(limit));
        }
        return Optional.empty();
    }

    private static String kind(Path path, BasicFileAttributes attributes, LinkOption[] options) {
        if (attributes.isSymbolicLink()) {
            return "a symbolic link";
        }
        if (attributes.isDirectory()) {
            return "a folder";
        }
        try {
            // st_mode's file type bits, where the platform has them (Linux, macOS)
            int type = (Integer) Files.getAttribute(path, "unix:mode", options) & 0170000;
            return switch (type) {
                case 0010000 -> "a FIFO";
                case 0140000 -> "a socket";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                default -> "a special file";
            };
        } catch (IOException | RuntimeException e) {
            return "a special file";
        }
    }

    /** A size for an operator: bytes, KiB, MiB or GiB. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " bytes";
        }
        String[] units = { "KiB", "MiB", "GiB", "TiB" };
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return (value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value))
                + " " + units[unit];
    }
}
