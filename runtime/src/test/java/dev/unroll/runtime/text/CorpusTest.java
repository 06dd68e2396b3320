package dev.unroll.runtime.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.core.UnrollException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTest {

    @TempDir
    Path dir;

    @Test
    void readsUtf8DroppingTheByteOrderMarkAndNormalizingLineEndings() throws IOException {
        Path file = dir.resolve("a.txt");
        Files.write(file, ("\uFEFFcaf\u00E9 \uD83D\uDE00\r\nline two\rthree\n").getBytes(StandardCharsets.UTF_8));
        Corpus corpus = Corpus.read(file);
        assertEquals("caf\u00E9 \uD83D\uDE00\nline two\nthree\n", corpus.text());
        assertEquals(file.toString(), corpus.name());
    }

    @Test
    void malformedUtf8NamesTheFileTheByteOffsetAndTheLine() throws IOException {
        Path file = dir.resolve("latin1.txt");
        Files.write(file, new byte[] {'a', 'b', '\n', 'c', (byte) 0xE9, 't', 'e'});
        UnrollException e = assertThrows(UnrollException.class, () -> Corpus.read(file));
        assertEquals("Corpus.read: text files must be UTF-8, but " + file.toAbsolutePath() + " has a malformed byte"
                + " sequence at byte offset 4 (line 2, byte 0xE9, 1 byte(s)); re-encode the file as UTF-8"
                + " (e.g. iconv -f latin1 -t utf-8)", e.getMessage());
    }

    @Test
    void aSequenceCutShortAtTheEndIsMalformedToo() throws IOException {
        Path file = dir.resolve("cut.txt");
        Files.write(file, new byte[] {'o', 'k', (byte) 0xE2, (byte) 0x82});
        UnrollException e = assertThrows(UnrollException.class, () -> Corpus.read(file));
        assertTrue(e.getMessage().contains("at byte offset 2"), e.getMessage());
    }

    @Test
    void emptyAndMissingFilesAreClearErrors() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        assertEquals("Corpus.read: the text file " + empty.toAbsolutePath() + " is empty (0 bytes); give a file"
                + " with text in it", assertThrows(UnrollException.class, () -> Corpus.read(empty)).getMessage());
        Path missing = dir.resolve("missing.txt");
        assertTrue(assertThrows(UnrollException.class, () -> Corpus.read(missing)).getMessage()
                .contains(missing.toAbsolutePath() + " does not exist"));
        Path bomOnly = dir.resolve("bom.txt");
        Files.write(bomOnly, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        assertTrue(assertThrows(UnrollException.class, () -> Corpus.read(bomOnly)).getMessage()
                .contains("contains no text"));
    }

    @Test
    void stripsGutenbergBoilerplateForAnyTitle() throws IOException {
        Path file = dir.resolve("book.txt");
        Files.writeString(file, "The Project Gutenberg eBook of X\nlicence blah\n"
                + "*** START OF THE PROJECT GUTENBERG EBOOK A TALE ***\n\n\nChapter 1\nIt was.\n\n"
                + "*** END OF THE PROJECT GUTENBERG EBOOK A TALE ***\nmore licence\n");
        assertEquals("Chapter 1\nIt was.", Corpus.read(file).text());
    }

    @Test
    void markersMatchOnlyAtTheStartOfALine() {
        String text = "say *** START OF THE PROJECT GUTENBERG EBOOK here\nbody";
        assertEquals(text, Gutenberg.strip(text));
    }

    @Test
    void oneMarkerAloneCutsOneSideAndTheOldThisSpellingCounts() {
        assertEquals("body", Gutenberg.strip("licence\n*** START OF THIS PROJECT GUTENBERG EBOOK T ***\nbody\n"));
        assertEquals("body", Gutenberg.strip("body\n*** END OF THE PROJECT GUTENBERG EBOOK T ***\nlicence"));
    }

    @Test
    void aBookWithNothingBetweenTheMarkersIsAnError() throws IOException {
        Path file = dir.resolve("hollow.txt");
        Files.writeString(file, "*** START OF THE PROJECT GUTENBERG EBOOK X ***\n\n*** END OF THE PROJECT"
                + " GUTENBERG EBOOK X ***\n");
        assertTrue(assertThrows(UnrollException.class, () -> Corpus.read(file)).getMessage()
                .contains("nothing between the Project Gutenberg markers"));
    }

    @Test
    void theBuiltInNovelIsExactlyWhatReadingTheGutenbergFileKeeps() throws IOException {
        String novel = BuiltinCorpus.timeMachine().text();
        String gutenbergFile = "\uFEFFThe Project Gutenberg eBook of The Time Machine\r\n\r\nThis eBook is for the use"
                + " of anyone anywhere\r\n*** START OF THE PROJECT GUTENBERG EBOOK THE TIME MACHINE ***\r\n\r\n"
                + novel.replace("\n", "\r\n") + "\r\n\r\n*** END OF THE PROJECT GUTENBERG EBOOK THE TIME MACHINE ***"
                + "\r\n\r\nUpdated editions will replace the previous one\r\n";
        Path file = dir.resolve("pg35.txt");
        Files.writeString(file, gutenbergFile, StandardCharsets.UTF_8);
        assertEquals(novel, Corpus.read(file).text());
        assertTrue(novel.startsWith("The Time Machine\n\nAn Invention\n\nby H. G. Wells"), novel.substring(0, 40));
        assertTrue(novel.endsWith("still lived on in the heart of man."), novel.substring(novel.length() - 40));
        assertTrue(!novel.contains("Gutenberg"), "boilerplate left in the text");
    }
}
