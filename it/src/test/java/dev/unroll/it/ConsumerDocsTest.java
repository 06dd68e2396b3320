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
 * The docs show what the consumer project does, so their snippets are as tested as its build: every Maven
 * dependency on an Unroll module in the README and docs is declared so by a POM of the consumer, and every code
 * block of docs/CONSUMER.md is copied from one of its files.
 */
class ConsumerDocsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Pattern XML_BLOCK = Pattern.compile("(?s)```xml\\n(.*?)```");

    private static final Pattern CODE_BLOCK = Pattern.compile("(?s)```(java|xml)\\n(.*?)```");

    private static final Pattern DEPENDENCY = Pattern.compile("(?s)<dependency>.*?</dependency>");

    @Test
    void everyUnrollDependencyOfTheDocsIsInTheConsumersPoms() {
        String poms = normalized(concatenated(consumerFiles("pom.xml")));
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

    @Test
    void everyCodeBlockOfTheConsumerPageIsCopiedFromTheConsumer() {
        String sources = normalized(concatenated(consumerFiles(".java")) + concatenated(consumerFiles("pom.xml")));
        Matcher block = CODE_BLOCK.matcher(read(ROOT.resolve("docs").resolve("CONSUMER.md")));
        List<String> missing = new ArrayList<>();
        int blocks = 0;
        while (block.find()) {
            blocks++;
            if (!sources.contains(normalized(block.group(2)))) {
                missing.add(block.group(2));
            }
        }
        assertTrue(blocks >= 4, "docs/CONSUMER.md has its code blocks: " + blocks);
        assertEquals(List.of(), missing, "blocks of docs/CONSUMER.md that no file under consumer/ holds; copy them"
                + " again from the consumer's sources");
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

    /** The files under consumer/ whose names end with {@code suffix}, build output left out. */
    private static List<Path> consumerFiles(String suffix) {
        try (Stream<Path> files = Files.walk(ROOT.resolve("consumer"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .filter(f -> !f.toString().contains("/target/")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String concatenated(List<Path> files) {
        StringBuilder out = new StringBuilder();
        files.forEach(f -> out.append(read(f)).append('\n'));
        return out.toString();
    }

    /**
     * Without XML comments and with all white space dropped, which a copied snippet may change freely (indentation,
     * line breaks).
     */
    private static String normalized(String text) {
        return text.replaceAll("(?s)<!--.*?-->", "").replaceAll("\\s+", "");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
