package dev.unroll.runtime;

import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** What a user's build does with ahead-of-time sources: writes them, compiles them with javac, loads the classes. */
final class AotBuild {

    private AotBuild() {
    }

    /** Compiles {@code files} (given as source text) under {@code dir}; returns a loader that sees the classes. */
    static ClassLoader compile(List<String> sources, List<JavaFile> files, Path dir) {
        try {
            Path src = dir.resolve("src");
            Path classes = Files.createDirectories(dir.resolve("classes"));
            List<String> args = new ArrayList<>(List.of("-proc:none", "-Xlint:none", "-d", classes.toString(),
                    "-classpath", SourceLoader.classPath()));
            for (int i = 0; i < files.size(); i++) {
                JavaFile f = files.get(i);
                Path java = src.resolve(f.packageName().replace('.', '/')).resolve(f.typeSpec().name() + ".java");
                Files.createDirectories(java.getParent());
                Files.writeString(java, sources.get(i));
                args.add(java.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            int rc = files.isEmpty() ? 0 : javac.run(null, null, null, args.toArray(String[]::new));
            if (rc != 0) {
                throw new IllegalStateException("javac failed with " + rc + " on " + args);
            }
            return new URLClassLoader(new URL[] {classes.toUri().toURL()}, AotBuild.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #compile(List, List, Path)} with each file's own source. */
    static ClassLoader compile(List<JavaFile> files, Path dir) {
        return compile(files.stream().map(JavaFile::toString).toList(), files, dir);
    }
}
