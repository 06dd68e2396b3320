package dev.unroll.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.JavaFile;
import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.model.CompiledProgram;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kernels generated ahead of time, compiled by javac as a user's build would and loaded by name: they compute the
 * in-memory kernels' bits, and a foreign, stale, edited, unstamped, too small or missing kernel is refused.
 */
class PrecompiledKernelsTest {

    private static final String PACKAGE = "com.example.kernels";
    private static final int VOCAB = 5;
    private static final Options OPTIONS = Options.float64().maxSteps(6).maxBatch(3).packageName(PACKAGE);

    @TempDir
    Path dir;

    private static Program program(int hidden) {
        return Planner.plan(Model.of(Encoding.oneHot(VOCAB))
                .layers(1, Layer.bidirectional(in -> dev.unroll.dsl.cells.Cells.gru(in, hidden)))
                .head(Head.everyStep(VOCAB)).build());
    }

    private PrecompiledKernels kernels(List<JavaFile> files) {
        return PrecompiledKernels.of(PACKAGE, AotBuild.compile(files, dir));
    }

    @Test
    void precompiledKernelsComputeTheInMemoryKernelsBitsInFloat64() {
        Program program = program(4);
        PrecompiledKernels kernels = kernels(CompiledProgram.aheadOfTime(program, OPTIONS, "test"));
        ProgramExecutor precompiled = CompiledProgram.load(program, OPTIONS, kernels).newExecutor();
        ProgramExecutor inMemory = CompiledProgram.compile(program, OPTIONS).newExecutor();
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 3; round++) {
            ParamStore params = ParamStore.initialize(program, random.nextLong());
            int steps = 1 + random.nextInt(6);
            int batch = 1 + random.nextInt(3);
            double[][] x = tokens(random, steps, batch);
            double[][] y = tokens(random, steps, batch);
            double[] carry = Truncation.full().carry(steps, 0);
            List.of(precompiled, inMemory).forEach(e -> {
                e.setParameters(params);
                e.forward(x, y, Map.of(), batch);
                e.backward(carry);
            });
            assertEquals(inMemory.loss(), precompiled.loss());
            for (int t = 0; t < steps; t++) {
                assertArrayEquals(inMemory.output(t), precompiled.output(t), "logits at step " + t);
            }
            double[][] expected = inMemory.gradients().arrays();
            double[][] actual = precompiled.gradients().arrays();
            for (int i = 0; i < expected.length; i++) {
                assertArrayEquals(expected[i], actual[i], "gradient " + i);
            }
        }
    }

    private static double[][] tokens(SplittableRandom random, int steps, int batch) {
        double[][] x = new double[steps][batch];
        for (double[] row : x) {
            for (int b = 0; b < batch; b++) {
                row[b] = random.nextInt(VOCAB);
            }
        }
        return x;
    }

    @Test
    void aKernelOfAnotherModelIsRefusedNamingTheClassBothFingerprintsAndWhatToRegenerate() {
        PrecompiledKernels kernels = kernels(CompiledProgram.aheadOfTime(program(4), OPTIONS, "unroll aot --hidden 4"));
        UnrollException e = assertThrows(UnrollException.class,
                () -> CompiledProgram.load(program(5), OPTIONS, kernels));
        String expected = fingerprint(program(5), 0);
        String found = fingerprint(program(4), 0);
        assertTrue(e.getMessage().startsWith("the precompiled kernel " + PACKAGE + "."), e.getMessage());
        assertTrue(e.getMessage().contains("its fingerprint " + found.substring(0, 12) + " differs from "
                + expected.substring(0, 12)), e.getMessage());
        assertTrue(e.getMessage().contains("generated for another model or other options"), e.getMessage());
        assertTrue(e.getMessage().contains("(it was made by: unroll aot --hidden 4)"), e.getMessage());
        assertTrue(e.getMessage().contains("Regenerate the kernels with unroll aot --out SRC_DIR --package " + PACKAGE),
                e.getMessage());
    }

    private static String fingerprint(Program program, int scan) {
        var adjoint = Autodiff.adjoint(program.scans().get(scan).cell(),
                program.seededOutputs(program.scans().get(scan)));
        String canonical = dev.unroll.compiler.emit.Emitter.emit(adjoint,
                OPTIONS.emitOptions(adjoint.forward().name())).toString();
        return KernelStamp.of(canonical, UnrollVersion.current(), "").fingerprint();
    }

    @Test
    void aKernelOfAnotherUnrollVersionIsRefusedAsStale() {
        Program program = program(4);
        List<JavaFile> old = program.scans().stream().map(scan -> PrecompiledKernels.source(
                Autodiff.adjoint(scan.cell(), program.seededOutputs(scan)), OPTIONS, "old", "0.0.1-old")).toList();
        PrecompiledKernels kernels = kernels(old);
        UnrollException e = assertThrows(UnrollException.class, () -> CompiledProgram.load(program, OPTIONS, kernels));
        assertTrue(e.getMessage().contains("it was generated by Unroll 0.0.1-old and this is Unroll "
                + UnrollVersion.current()), e.getMessage());
    }

    @Test
    void aKernelWhoseFingerprintWasEditedIsRefused() {
        Program program = program(4);
        List<JavaFile> files = CompiledProgram.aheadOfTime(program, OPTIONS, "test");
        String fingerprint = fingerprint(program, 0);
        List<String> sources = files.stream().map(JavaFile::toString)
                .map(s -> s.replace(fingerprint, "0".repeat(64))).toList();
        PrecompiledKernels kernels = PrecompiledKernels.of(PACKAGE, AotBuild.compile(sources, files, dir));
        UnrollException e = assertThrows(UnrollException.class, () -> CompiledProgram.load(program, OPTIONS, kernels));
        assertTrue(e.getMessage().contains("its fingerprint 000000000000 differs from "
                + fingerprint.substring(0, 12)), e.getMessage());
    }

    @Test
    void aMissingKernelIsRefusedByLoadAndCompiledInMemoryByLoadOrCompile() {
        Program program = program(4);
        PrecompiledKernels none = PrecompiledKernels.of(PACKAGE, AotBuild.compile(List.of(), dir));
        UnrollException e = assertThrows(UnrollException.class, () -> CompiledProgram.load(program, OPTIONS, none));
        assertTrue(e.getMessage().startsWith("no precompiled kernel " + PACKAGE + "."), e.getMessage());
        assertTrue(e.getMessage().contains("generate it ahead of time with unroll aot --out SRC_DIR --package "
                + PACKAGE), e.getMessage());
        CompiledProgram compiled = CompiledProgram.loadOrCompile(program, OPTIONS, none);
        assertEquals(program.scans().size(), compiled.scans().size());
    }

    @Test
    void aKernelServesSmallerRunsAndRefusesLargerOnes() {
        Program program = program(4);
        PrecompiledKernels kernels = kernels(CompiledProgram.aheadOfTime(program, OPTIONS, "test"));
        CompiledProgram small = CompiledProgram.load(program, OPTIONS.maxSteps(1).maxBatch(1), kernels);
        assertEquals(6, small.scans().get(0).kernel().spec().maxSteps());
        UnrollException e = assertThrows(UnrollException.class,
                () -> CompiledProgram.load(program, OPTIONS.maxSteps(7), kernels));
        assertTrue(e.getMessage().contains("holds at most 6 steps of 3 rows, but this run needs 7 steps of 3 rows"),
                e.getMessage());
    }

    @Test
    void aClassThatWasNotGeneratedAheadOfTimeIsRefused() {
        Program program = program(4);
        List<JavaFile> unstamped = program.scans().stream().map(scan -> dev.unroll.compiler.emit.Emitter.emit(
                Autodiff.adjoint(scan.cell(), program.seededOutputs(scan)),
                OPTIONS.emitOptions(scan.cell().name()))).toList();
        PrecompiledKernels kernels = kernels(unstamped);
        UnrollException e = assertThrows(UnrollException.class, () -> CompiledProgram.load(program, OPTIONS, kernels));
        assertTrue(e.getMessage().contains("has no public static String AOT_FINGERPRINT"), e.getMessage());
    }
}
