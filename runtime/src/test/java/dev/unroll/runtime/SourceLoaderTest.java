package dev.unroll.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.emit.EmitOptions;
import dev.unroll.compiler.emit.Emitter;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.kernels.Dtype;
import dev.unroll.kernels.Kernel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.element.Modifier;
import org.junit.jupiter.api.Test;

/** In-memory compilation: caching by source, its own class loader, and the errors when javac fails or is missing. */
class SourceLoaderTest {

    private static JavaFile rnn(Dtype dtype) {
        return Emitter.emit(Autodiff.adjoint(LossCell.attach(Cells.rnn(2, 3), "y", Loss.MEAN_SQUARED_ERROR),
                List.of(LossCell.LOSS)), EmitOptions.of("RnnKernel", dtype, 4, 2));
    }

    @Test
    void theSameSourceLoadsTheSameClassOnce() {
        SourceLoader loader = new SourceLoader();
        Class<?> first = loader.load(rnn(Dtype.FLOAT64));
        Class<?> again = loader.load(rnn(Dtype.FLOAT64));
        assertSame(first, again);
        assertEquals(1, loader.cached());
        assertTrue(Kernel.class.isAssignableFrom(first));
    }

    @Test
    void anotherSourceWithTheSameClassNameLoadsInItsOwnClassLoader() {
        SourceLoader loader = new SourceLoader();
        Class<?> f64 = loader.load(rnn(Dtype.FLOAT64));
        Class<?> f32 = loader.load(rnn(Dtype.FLOAT32));
        assertEquals(f64.getName(), f32.getName());
        assertNotSame(f64, f32);
        assertNotSame(f64.getClassLoader(), f32.getClassLoader());
        assertSame(SourceLoader.class.getClassLoader(), f64.getClassLoader().getParent());
        assertEquals(2, loader.cached());
    }

    @Test
    void compilingAModelTwiceReusesTheCompiledClass() {
        var cell = LossCell.attach(Cells.lstm(2, 3), "y", Loss.MEAN_SQUARED_ERROR);
        Options options = Options.float64().maxSteps(4).maxBatch(2);
        CompiledModel first = Unroll.compile(cell, options);
        CompiledModel second = Unroll.compile(LossCell.attach(Cells.lstm(2, 3), "y", Loss.MEAN_SQUARED_ERROR),
                options);
        assertSame(first.kernel().getClass(), second.kernel().getClass());
        assertNotSame(first.kernel(), second.kernel());
    }

    @Test
    void brokenSourceFailsWithTheDiagnosticsAndTheSavedSource() throws Exception {
        JavaFile broken = JavaFile.builder("dev.unroll.test", TypeSpec.classBuilder("Broken")
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addMethod(MethodSpec.methodBuilder("value").returns(TypeName.INT)
                        .addStatement("return $N", "undefinedName").build())
                .build()).build();
        UnrollException e = assertThrows(UnrollException.class, () -> new SourceLoader().load(broken));
        String message = e.getMessage();
        assertTrue(message.startsWith("javac rejected the generated kernel dev.unroll.test.Broken; generated code must"
                + " always compile, so this is a bug in Unroll's code generator: please report it with the saved"
                + " source. Diagnostics:\n  Broken.java:5:12: error: cannot find symbol"), message);
        assertTrue(message.contains("\n      return undefinedName;\n"), message);
        Matcher saved = Pattern.compile("\nThe source is saved at (\\S+\\.java)$").matcher(message);
        assertTrue(saved.find(), message);
        Path path = Path.of(saved.group(1));
        assertEquals(broken.toString(), Files.readString(path, StandardCharsets.UTF_8));
        Files.delete(path);
    }

    @Test
    void aJvmWithoutACompilerIsToldToRunOnAJdk() {
        SourceLoader jre = new SourceLoader(SourceLoader.class.getClassLoader(), () -> null);
        UnrollException e = assertThrows(UnrollException.class, () -> jre.load(rnn(Dtype.FLOAT64)));
        assertEquals("Unroll compiles generated kernels at run time with the system Java compiler, but this JVM has"
                + " none (java.home = " + System.getProperty("java.home") + "): it is a JRE, or a runtime image"
                + " without the jdk.compiler module. Run on a JDK 17 or later (set JAVA_HOME to a JDK), add the"
                + " jdk.compiler module to your jlink image, or generate the kernels ahead of time ('unroll aot',"
                + " docs/DEPLOY.md) and load them with PrecompiledKernels", e.getMessage());
        assertEquals(0, jre.cached());
    }

    @Test
    void theCacheKeyIsTheSha256OfTheSource() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", SourceLoader.sha256(""));
    }
}
