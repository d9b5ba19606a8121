package org.mallku.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Dependencies between the packages of the main code point one way: no package reaches itself again. */
class PackageCyclesTest {

    static final Path SOURCES = Path.of("src/main/java/org/mallku/heartbeat");
    static final Pattern PACKAGE = Pattern.compile("^package org\\.mallku\\.heartbeat([\\w.]*);", Pattern.MULTILINE);
    /** An import's package: the lower-case segments before the first type name. */
    static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.mallku\\.heartbeat((?:\\.[a-z]\\w*)*)\\.[A-Z]",
            Pattern.MULTILINE);

    @Test
    void noPackageDependsOnItselfThroughOthers() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher own = PACKAGE.matcher(source);
                if (!own.find()) {
                    continue;
                }
                String from = name(own.group(1));
                Matcher imports = IMPORT.matcher(source);
                while (imports.find()) {
                    String to = name(imports.group(1));
                    if (!to.equals(from)) {
                        uses.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
                    }
                }
            }
        }
        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            walk(start, start, uses, new ArrayList<>(List.of(start)), cycles);
        }
        assertEquals(List.of(), cycles, "package dependencies: " + uses);
        assertEquals(Set.of(), uses.getOrDefault("util", Set.of()), "util depends on nothing");
        assertEquals(Set.of("util"), uses.getOrDefault("config", Set.of("util")), "config only on util");
    }

    private static String name(String dotted) {
        return dotted.isEmpty() ? "(root)" : dotted.substring(1);
    }

    /** Every path from {@code start} back to it, each found once from its smallest package. */
    private static void walk(String start, String at, Map<String, Set<String>> uses, List<String> path, List<String> cycles) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                cycles.add(String.join(" -> ", path) + " -> " + start);
            } else if (!path.contains(next) && next.compareTo(start) > 0) {
                path.add(next);
                walk(start, next, uses, path, cycles);
                path.remove(path.size() - 1);
            }
        }
    }
}
