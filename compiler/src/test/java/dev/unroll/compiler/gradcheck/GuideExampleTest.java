package dev.unroll.compiler.gradcheck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/GRADCHECK.md shows the source of {@link MyCellGradientTest} verbatim, so the guide's example always runs. */
class GuideExampleTest {

    @Test
    void theGuideShowsTheExampleTestVerbatim() throws IOException {
        Path guide = Path.of("..", "docs", "GRADCHECK.md");
        Path example = Path.of("src", "test", "java", "dev", "unroll", "compiler", "gradcheck",
                "MyCellGradientTest.java");
        String source = Files.readString(example).strip();
        assertTrue(Files.readString(guide).contains("```java\n" + source + "\n```"),
                "docs/GRADCHECK.md must show " + example + " verbatim in a java code block");
    }
}
