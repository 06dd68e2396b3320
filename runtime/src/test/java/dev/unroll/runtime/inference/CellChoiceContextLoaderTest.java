package dev.unroll.runtime.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.UnrollException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A custom cell that only the thread's context class loader sees, as in application servers and plugin systems, is
 * found there; without that loader its name is a clear error.
 */
class CellChoiceContextLoaderTest {

    private static final String NAME = "plugin.PluginCell";

    @TempDir
    Path dir;

    @Test
    void aCellOnlyTheContextClassLoaderSeesIsFound() throws Exception {
        Path source = dir.resolve("src/plugin/PluginCell.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package plugin;
                public final class PluginCell {
                    public static dev.unroll.dsl.Cell cell(int in, int hidden) {
                        return dev.unroll.dsl.Cell.define("plugin", c -> {
                            var x = c.input("x", in);
                            var h = c.state("h", hidden);
                            var next = c.affine("a", hidden, x, h).tanh().as("H");
                            c.next(h, next).output("y", next);
                        });
                    }
                }
                """);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), source.toString());
        assertEquals(0, status, "the plugin class compiles");

        UnrollException unseen = assertThrows(UnrollException.class, () -> CellChoice.factory(NAME, 3, false));
        assertTrue(unseen.getMessage().contains("no class of that name is on the class path"), unseen.getMessage());

        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader plugin = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                CellChoiceContextLoaderTest.class.getClassLoader())) {
            thread.setContextClassLoader(plugin);
            Cell cell = CellChoice.factory(NAME, 3, false).apply(2);
            assertEquals("plugin", cell.name());
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
