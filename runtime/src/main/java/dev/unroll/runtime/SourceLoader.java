package dev.unroll.runtime;

import com.palantir.javapoet.JavaFile;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.kernels.Kernel;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles generated source in memory with the system Java compiler and loads each class in its own class loader
 * (a child of the given parent, so the kernel types resolve); compiled classes are cached by the SHA-256 of their
 * source, so compiling the same model twice costs one hash.
 */
public final class SourceLoader {

    private static final SourceLoader SHARED = new SourceLoader();

    /** The classes generated code refers to; javac's class path is where they were loaded from. */
    private static final List<Class<?>> ANCHORS = List.of(Kernel.class);

    private static final List<String> OPTIONS = List.of("-proc:none", "-g", "-Xlint:none", "-implicit:none");

    private final ClassLoader parent;
    private final Supplier<JavaCompiler> compilers;
    private final Map<String, Class<?>> cache = new ConcurrentHashMap<>();
    private StandardJavaFileManager standardFiles;

    /** A loader whose classes are children of the loader of the Unroll runtime. */
    public SourceLoader() {
        this(SourceLoader.class.getClassLoader());
    }

    /** A loader whose classes are children of {@code parent}, which must see the kernel types. */
    public SourceLoader(ClassLoader parent) {
        this(parent, ToolProvider::getSystemJavaCompiler);
    }

    SourceLoader(ClassLoader parent, Supplier<JavaCompiler> compilers) {
        this.parent = parent;
        this.compilers = compilers;
    }

    /** The loader {@link Unroll#compile} uses: one cache for the whole process. */
    public static SourceLoader shared() {
        return SHARED;
    }

    /** The class that {@code file} declares, compiled and loaded, or the cached one for the same source. */
    public Class<?> load(JavaFile file) {
        return load(file, file.toString());
    }

    /** As {@link #load(JavaFile)}, with the source already rendered ({@code file.toString()}). */
    Class<?> load(JavaFile file, String source) {
        String key = sha256(source);
        Class<?> cached = cache.get(key);
        return cached != null ? cached : compileOnce(key, file, source);
    }

    /** The number of distinct sources compiled so far. */
    public int cached() {
        return cache.size();
    }

    /** The SHA-256 of {@code source} (UTF-8), in hex: the cache key. */
    public static String sha256(String source) {
        Require.notNull(source, "SourceLoader.sha256", "source");
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    private synchronized Class<?> compileOnce(String key, JavaFile file, String source) {
        Class<?> cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Class<?> compiled = compile(file, source);
        cache.put(key, compiled);
        return compiled;
    }

    private Class<?> compile(JavaFile file, String source) {
        String className = file.packageName().isEmpty() ? file.typeSpec().name()
                : file.packageName() + "." + file.typeSpec().name();
        JavaCompiler javac = compilers.get();
        if (javac == null) {
            throw new UnrollException("Unroll compiles generated kernels at run time with the system Java compiler,"
                    + " but this JVM has none (java.home = " + System.getProperty("java.home") + "): it is a JRE, or"
                    + " a runtime image without the jdk.compiler module. Run on a JDK 17 or later (set JAVA_HOME to a"
                    + " JDK), add the jdk.compiler module to your jlink image, or generate the kernels ahead of time"
                    + " ('unroll aot', docs/DEPLOY.md) and load them with PrecompiledKernels");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter output = new StringWriter();
        MemoryFiles files = new MemoryFiles(standardFiles(javac));
        List<String> options = new ArrayList<>(OPTIONS);
        options.addAll(List.of("-classpath", classPath()));
        boolean ok = javac.getTask(output, files, diagnostics, options, null,
                List.of(MemoryFiles.source(className, source))).call();
        if (!ok) {
            throw new UnrollException(CompileFailure.message(className, source, diagnostics, output.toString()));
        }
        try {
            return Class.forName(className, true, MemoryFiles.loader(parent, files.classes()));
        } catch (ClassNotFoundException | LinkageError e) {
            throw new UnrollException("the generated kernel " + className + " compiled but did not load: " + e
                    + "; its parent class loader must see the Unroll kernel types (" + Kernel.class.getName() + ")", e);
        }
    }

    private StandardJavaFileManager standardFiles(JavaCompiler javac) {
        if (standardFiles == null) {
            standardFiles = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        }
        return standardFiles;
    }

    /** The directories and jars the kernel types were loaded from. */
    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> anchor : ANCHORS) {
            var source = anchor.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                try {
                    entries.add(Path.of(source.getLocation().toURI()).toString());
                } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                    // A location that is not a file (for example a nested jar) cannot be given to javac.
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** Saves {@code source} to a temporary file for the user to inspect; returns its path or why it failed. */
    static String save(String simpleName, String source) {
        try {
            Path path = Files.createTempFile("unroll-" + simpleName + "-", ".java");
            Files.writeString(path, source, StandardCharsets.UTF_8);
            return path.toString();
        } catch (IOException e) {
            return "(not saved: " + e.getMessage() + ")";
        }
    }
}
