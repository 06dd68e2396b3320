package dev.unroll.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

/**
 * The module and package structure docs/ARCHITECTURE.md describes, read from the main sources of every module: no
 * package cycles, and each module imports only the modules of ours its POM declares (so {@code dsl}, {@code check}
 * and {@code kernels} import nothing of ours).
 */
class ArchitectureTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** The main sources, and the kernels' float64 templates from which the build generates their twins. */
    private static final List<String> SOURCE_ROOTS = List.of("src/main/java", "src/template/java");

    private static final Pattern MODULE = Pattern.compile("<module>([\\w-]+)</module>");

    private static final Pattern OUR_DEPENDENCY = Pattern.compile(
            "<groupId>dev\\.unroll</groupId>\\s*<artifactId>unroll-([\\w-]+)</artifactId>");

    private static final Pattern PACKAGE = Pattern.compile("(?m)^package (dev\\.unroll[\\w.]*);");

    private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?(dev\\.unroll[\\w.]*?)\\.[A-Z]");

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\\n]|\\\\.)*\"");

    private static final Pattern QUALIFIED = Pattern.compile("\\b(dev\\.unroll(?:\\.[a-z]\\w*)+)\\.[A-Z]");

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        Map<String, Set<String>> graph = new TreeMap<>();
        modules().forEach(m -> packageImports(m).forEach((pkg, uses) ->
                graph.computeIfAbsent(pkg, k -> new TreeSet<>()).addAll(uses)));
        assertTrue(graph.size() > 20, "the sources were found: " + graph.keySet());
        Set<String> cycles = new TreeSet<>();
        for (String pkg : graph.keySet()) {
            List<String> cycle = cycleThrough(pkg, graph);
            if (!cycle.isEmpty()) {
                int least = cycle.indexOf(min(cycle));
                List<String> rotated = new ArrayList<>(cycle.subList(least, cycle.size()));
                rotated.addAll(cycle.subList(0, least));
                cycles.add(String.join(" -> ", rotated));
            }
        }
        assertEquals(Set.of(), cycles, "package cycles (the shortest through each package, from its least one)");
    }

    @Test
    void eachModuleImportsOnlyTheModulesItsPomDeclares() {
        Map<String, String> moduleOf = new TreeMap<>();
        for (String m : modules()) {
            packageImports(m).keySet().forEach(pkg -> moduleOf.put(pkg, m));
        }
        List<String> violations = new ArrayList<>();
        for (String m : modules()) {
            Set<String> allowed = declared(m);
            packageImports(m).forEach((pkg, uses) -> uses.forEach(used -> {
                String owner = moduleOf.get(used);
                if (owner != null && !owner.equals(m) && !allowed.contains(owner)) {
                    violations.add(m + ": " + pkg + " imports " + used + " of module " + owner);
                }
            }));
        }
        assertEquals(List.of(), violations);
        for (String base : List.of("check", "dsl", "kernels")) {
            assertEquals(Set.of(), declared(base), base + " depends on nothing of ours");
        }
    }

    @Test
    void everyModuleHasAModuleNameAndTheBomPinsEveryPublishedOne() {
        String bom = read(ROOT.resolve("bom").resolve("pom.xml"));
        String parent = read(ROOT.resolve("pom.xml"));
        List<String> unpinned = new ArrayList<>();
        for (String m : modules()) {
            String pom = read(ROOT.resolve(m).resolve("pom.xml"));
            // A module that deploys nothing (the consumer build, it) ships no jar to name and nothing to pin.
            if (m.equals("bom") || pom.contains("<maven.deploy.skip>true</maven.deploy.skip>")) {
                continue;
            }
            assertTrue(pom.contains("<unroll.module.name>dev.unroll." + m + "</unroll.module.name>"), m
                    + "/pom.xml sets unroll.module.name to dev.unroll." + m + " (its jar's Automatic-Module-Name)");
            // The benchmarks are not a library: nothing depends on them.
            if (!m.equals("bench") && !bom.contains("<artifactId>unroll-" + m + "</artifactId>")) {
                unpinned.add(m);
            }
        }
        assertEquals(List.of(), unpinned, "modules bom/pom.xml does not pin");
        assertTrue(bom.contains("<version>" + version(parent) + "</version>"), "the BOM's version is the parent's, "
                + version(parent));
    }

    private static String version(String pom) {
        Matcher m = Pattern.compile("</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(m.find(), "a version in the POM");
        return m.group(1);
    }

    /** The modules of the root POM. */
    private static List<String> modules() {
        List<String> out = new ArrayList<>();
        Matcher m = MODULE.matcher(read(ROOT.resolve("pom.xml")));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The modules of ours that {@code module} may import: its POM's dependencies and theirs. */
    private static Set<String> declared(String module) {
        Set<String> out = new TreeSet<>();
        List<String> todo = new ArrayList<>(direct(module));
        while (!todo.isEmpty()) {
            String next = todo.remove(todo.size() - 1);
            if (out.add(next)) {
                todo.addAll(direct(next));
            }
        }
        return out;
    }

    private static List<String> direct(String module) {
        String pom = read(ROOT.resolve(module).resolve("pom.xml"));
        pom = pom.replaceAll("(?s)<!--.*?-->", "");
        List<String> out = new ArrayList<>();
        Matcher m = OUR_DEPENDENCY.matcher(pom);
        while (m.find()) {
            String dependency = m.group(1);
            int end = pom.indexOf("</dependency>", m.end());
            boolean testOnly = end > 0 && pom.substring(m.end(), end).contains("<scope>test</scope>");
            if (!testOnly && !dependency.equals("parent")) {
                out.add(dependency);
            }
        }
        return out;
    }

    /** Every main-source package of {@code module} (written or templated) and the packages of ours it uses. */
    private static Map<String, Set<String>> packageImports(String module) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (String root : SOURCE_ROOTS) {
            Path dir = ROOT.resolve(module).resolve(root);
            if (Files.isDirectory(dir)) {
                readPackages(dir, out);
            }
        }
        return out;
    }

    private static void readPackages(Path dir, Map<String, Set<String>> out) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                // String literals name classes for messages or stack walking, not dependencies.
                String source = STRING.matcher(read(file)).replaceAll("\"\"");
                Matcher p = PACKAGE.matcher(source);
                if (!p.find()) {
                    continue;
                }
                Set<String> uses = out.computeIfAbsent(p.group(1), k -> new TreeSet<>());
                for (Pattern pattern : List.of(IMPORT, QUALIFIED)) {
                    Matcher i = pattern.matcher(source);
                    while (i.find()) {
                        if (!i.group(1).equals(p.group(1))) {
                            uses.add(i.group(1));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A shortest path from {@code start} back to itself, or an empty list (breadth first, deterministic). */
    private static List<String> cycleThrough(String start, Map<String, Set<String>> graph) {
        Map<String, String> parent = new TreeMap<>();
        List<String> frontier = new ArrayList<>(List.of(start));
        while (!frontier.isEmpty()) {
            List<String> next = new ArrayList<>();
            for (String at : frontier) {
                for (String to : graph.getOrDefault(at, Set.of())) {
                    if (to.equals(start)) {
                        List<String> cycle = new ArrayList<>(List.of(at));
                        for (String p = parent.get(at); p != null; p = parent.get(p)) {
                            cycle.add(0, p);
                        }
                        return cycle;
                    }
                    if (graph.containsKey(to) && !parent.containsKey(to)) {
                        parent.put(to, at);
                        next.add(to);
                    }
                }
            }
            frontier = next;
        }
        return List.of();
    }

    private static String min(List<String> cycle) {
        return cycle.stream().min(String::compareTo).orElseThrow();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
