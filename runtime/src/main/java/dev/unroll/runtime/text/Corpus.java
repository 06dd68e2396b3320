package dev.unroll.runtime.text;

import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A text to learn from: its name (the file it came from, for error messages) and its characters, with Project
 * Gutenberg boilerplate already removed.
 *
 * <p>{@link #read} decodes strictly as UTF-8, drops a leading byte-order mark and normalizes line endings
 * ({@code \r\n} and lone {@code \r} become {@code \n}) so that the vocabulary does not depend on the platform that
 * wrote the file; then it keeps only the text between the Gutenberg markers when they are present (see
 * {@link Gutenberg#strip}).
 */
public record Corpus(String name, String text) {

    public Corpus {
        Require.notNull(name, "new Corpus", "name");
        Require.notNull(text, "new Corpus", "text");
        if (text.isEmpty()) {
            throw new UnrollException("a corpus must contain at least one character, but '" + name
                    + "' is empty; give a file with text in it");
        }
    }

    /** Reads a UTF-8 text file, rejecting malformed bytes (naming the byte offset) and empty files. */
    public static Corpus read(Path file) {
        Require.notNull(file, "Corpus.read", "file");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UnrollException("Corpus.read: the text file " + file.toAbsolutePath()
                    + " does not exist; check the path (e.g. of --text)");
        } catch (IOException e) {
            throw new UnrollException("Corpus.read: cannot read the text file " + file.toAbsolutePath() + ": " + e
                    + "; check that it is a readable file", e);
        }
        if (bytes.length == 0) {
            throw new UnrollException("Corpus.read: the text file " + file.toAbsolutePath()
                    + " is empty (0 bytes); give a file with text in it");
        }
        String text = normalizeLineEndings(stripByteOrderMark(decodeStrictly(bytes, file)));
        String body = Gutenberg.strip(text);
        if (body.isEmpty()) {
            throw new UnrollException("Corpus.read: the text file " + file.toAbsolutePath()
                    + " contains no text (only a byte-order mark or nothing between the Project Gutenberg"
                    + " markers); give a file with text in it");
        }
        return new Corpus(file.toString(), body);
    }

    /** A corpus from text in memory; {@code name} appears in error messages. */
    public static Corpus of(String name, String text) {
        return new Corpus(name, text);
    }

    private static String decodeStrictly(byte[] bytes, Path file) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never needs more UTF-16 chars than bytes, so one buffer of that size always suffices.
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw malformed(bytes, in.position(), result.length(), file);
        }
        return out.flip().toString();
    }

    private static UnrollException malformed(byte[] bytes, int offset, int length, Path file) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return new UnrollException("Corpus.read: text files must be UTF-8, but " + file.toAbsolutePath()
                + " has a malformed byte sequence at byte offset " + offset + " (line " + line + ", byte 0x"
                + String.format("%02X", bytes[offset] & 0xFF) + ", " + length + " byte(s)); re-encode the file"
                + " as UTF-8 (e.g. iconv -f latin1 -t utf-8)");
    }

    private static String stripByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String normalizeLineEndings(String text) {
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    }
}
