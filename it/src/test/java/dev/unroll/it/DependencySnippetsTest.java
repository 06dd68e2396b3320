package dev.unroll.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Maven snippet of the README and docs that names an Unroll module is what the consumer project's POMs say,
 * so the snippets are as tested as the consumer build that runs them.
 */
class DependencySnippetsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Pattern XML_BLOCK = Pattern.compile("(?s)```xml\\n(.*?)```");

    private static final Pattern DEPENDENCY = Pattern.compile("(?s)<dependency>.*?</dependency>");

    @Test
    void everyUnrollDependencyOfTheDocsIsInTheConsumersPoms() {
        String poms = normalized(consumerPoms().stream().map(DependencySnippetsTest::read).reduce("", String::concat));
        List<String> checked = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Path doc : docs()) {
            Matcher block = XML_BLOCK.matcher(read(doc));
            while (block.find()) {
                Matcher dependency = DEPENDENCY.matcher(block.group(1));
                while (dependency.find()) {
                    String snippet = normalized(dependency.group());
                    if (snippet.contains("<groupId>dev.unroll</groupId>")) {
                        checked.add(ROOT.relativize(doc) + ": " + snippet);
                        if (!poms.contains(snippet)) {
                            missing.add(ROOT.relativize(doc) + ": " + snippet);
                        }
                    }
                }
            }
        }
        assertTrue(checked.size() >= 5, "the README's and docs/GRADCHECK.md's snippets were found: " + checked);
        assertEquals(List.of(), missing, "snippets that no POM under consumer/ declares; make the docs show what"
                + " the consumer uses, or make the consumer use it");
    }

    /** The README, and every page under docs. */
    private static List<Path> docs() {
        List<Path> out = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static List<Path> consumerPoms() {
        try (Stream<Path> files = Files.walk(ROOT.resolve("consumer"))) {
            return files.filter(f -> f.getFileName().toString().equals("pom.xml"))
                    .filter(f -> !f.toString().contains("/target/")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Without comments and without white space between tags, which a copied snippet may change freely. */
    private static String normalized(String xml) {
        return xml.replaceAll("(?s)<!--.*?-->", "").replaceAll(">\\s+<", "><").replaceAll("\\s+", " ").trim();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
