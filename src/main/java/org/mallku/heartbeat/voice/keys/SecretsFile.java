package org.mallku.heartbeat.voice.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.mallku.heartbeat.util.RegularFile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The secrets file: a flat JSON object of key variable names to keys, for example
 * {@code {"ANTHROPIC_API_KEY": "sk-ant-..."}}. Reading it never fails: a missing file is simply empty, and any
 * other problem becomes one warning that names the file and what is wrong, never its content.
 */
public final class SecretsFile {

    /**
     * @param values   variable name to value, as found (placeholders included; the caller decides)
     * @param warnings problems an operator should hear about, one line each
     */
    public record Contents(Map<String, String> values, List<String> warnings) {
        public Contents {
            values = Map.copyOf(values);
            warnings = List.copyOf(warnings);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A flat object of a few dozen keys is a few KiB; 1 MiB is far beyond any real one and small for the heap. */
    static final long MAX_BYTES = 1024 * 1024;

    private SecretsFile() {
    }

    public static Contents read(Path file) {
        List<String> warnings = new ArrayList<>();
        String text;
        try {
            // looked at before it is opened: a FIFO would block the start; links are followed (Kubernetes mounts
            // secrets as links)
            Optional<String> problem = RegularFile.problem(file, MAX_BYTES, true);
            if (problem.isPresent()) {
                return new Contents(Map.of(), List.of("Secrets file " + file + " is ignored: it is " + problem.get()));
            }
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return new Contents(Map.of(), List.of());
        } catch (IOException | SecurityException e) {
            return new Contents(Map.of(), List.of("Secrets file " + file + " is ignored: it cannot be read ("
                    + e.getClass().getSimpleName() + ")"));
        }
        permissionWarning(file).ifPresent(warnings::add);
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // the parser's message quotes the content, which may hold a key: only the position is reported
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            warnings.add("Secrets file " + file + " is ignored: it is not valid JSON" + where);
            return new Contents(Map.of(), warnings);
        }
        if (root == null || !root.isObject()) {
            warnings.add("Secrets file " + file + " is ignored: it must be a flat JSON object of variable names to keys");
            return new Contents(Map.of(), warnings);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getValue().isTextual()) {
                values.put(entry.getKey(), entry.getValue().asText());
            } else {
                warnings.add("Secrets file " + file + ": the value of " + printable(entry.getKey())
                        + " is not a string and is ignored");
            }
        }
        return new Contents(values, warnings);
    }

    private static Optional<String> permissionWarning(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.OTHERS_READ) || permissions.contains(PosixFilePermission.GROUP_READ)) {
                return Optional.of("Secrets file " + file + " is readable by other users ("
                        + PosixFilePermissions.toString(permissions) + "); restrict it with chmod 600");
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: nothing to check
        }
        return Optional.empty();
    }

    /** A variable name as it may appear in a warning: short, and only the characters a variable name has. */
    private static String printable(String name) {
        String clean = name.replaceAll("[^A-Za-z0-9_]", "?");
        return clean.length() <= 40 ? clean : clean.substring(0, 40) + "...";
    }
}
