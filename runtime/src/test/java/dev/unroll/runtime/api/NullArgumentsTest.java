package dev.unroll.runtime.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.Options;
import dev.unroll.runtime.SourceLoader;
import dev.unroll.runtime.Unroll;
import dev.unroll.runtime.checkpoint.Checkpoint;
import dev.unroll.runtime.checkpoint.CheckpointFields;
import dev.unroll.runtime.checkpoint.Checkpoints;
import dev.unroll.runtime.checkpoint.Npz;
import dev.unroll.runtime.checkpoint.NpzReader;
import dev.unroll.runtime.checkpoint.ShapedArray;
import dev.unroll.runtime.interop.TorchCell;
import dev.unroll.runtime.interop.TorchImport;
import dev.unroll.runtime.io.AtomicFiles;
import dev.unroll.runtime.model.CompiledProgram;
import dev.unroll.runtime.optim.Adam;
import dev.unroll.runtime.optim.SGD;
import dev.unroll.runtime.plot.PerplexityPlot;
import dev.unroll.runtime.text.Batch;
import dev.unroll.runtime.text.BuiltinCorpus;
import dev.unroll.runtime.text.Corpus;
import dev.unroll.runtime.text.Gutenberg;
import dev.unroll.runtime.text.Minibatches;
import dev.unroll.runtime.text.Preprocessing;
import dev.unroll.runtime.text.Sampling;
import dev.unroll.runtime.text.TextData;
import dev.unroll.runtime.text.Tokenization;
import dev.unroll.runtime.text.Vocab;
import dev.unroll.runtime.train.EpochReport;
import dev.unroll.runtime.train.GradientNorms;
import dev.unroll.runtime.train.TextGenerator;
import dev.unroll.runtime.train.TrainConfig;
import dev.unroll.runtime.train.Trainer;
import dev.unroll.runtime.train.TrainingState;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every public constructor and static method of the runtime's public types, called with null for each reference
 * argument in turn (the others given ordinary values) and with every reference argument null: each call either
 * returns or fails with an {@link UnrollException} whose message names what was wrong, never with a raw JVM
 * exception such as a {@code NullPointerException}.
 */
class NullArgumentsTest {

    private static final List<Class<?>> API = List.of(Options.class, SourceLoader.class, Unroll.class,
            dev.unroll.runtime.PrecompiledKernels.class, dev.unroll.runtime.KernelStamp.class,
            dev.unroll.runtime.UnrollVersion.class,
            Checkpoint.class, CheckpointFields.class, Checkpoints.class, Npz.class, NpzReader.class,
            NpzReader.Contents.class, ShapedArray.class, TorchImport.class,
            AtomicFiles.class, CompiledProgram.class, ProgramExecutor.class, Adam.class, SGD.class,
            PerplexityPlot.class, Batch.class, BuiltinCorpus.class, Corpus.class, Gutenberg.class, Minibatches.class,
            TextData.class, Vocab.class, EpochReport.class, GradientNorms.class, TextGenerator.class,
            TrainConfig.class, Trainer.class, TrainingState.class,
            // The compiler's public types the runtime builds on.
            dev.unroll.compiler.autodiff.Adjoint.class, dev.unroll.compiler.autodiff.Autodiff.class,
            dev.unroll.compiler.bptt.Bptt.class, dev.unroll.compiler.bptt.GradClip.class,
            dev.unroll.compiler.bptt.Truncation.class, dev.unroll.compiler.loss.LossCell.class,
            dev.unroll.compiler.gradcheck.CellCheck.class, dev.unroll.compiler.gradcheck.GradCheck.class,
            dev.unroll.compiler.gradcheck.SequenceData.class, dev.unroll.compiler.gradcheck.ForwardOracle.class,
            dev.unroll.compiler.model.Planner.class, dev.unroll.compiler.model.ProgramRunner.class,
            dev.unroll.compiler.passes.Simplify.class, dev.unroll.compiler.unroll.Unroller.class,
            dev.unroll.compiler.emit.Emitter.class, dev.unroll.compiler.emit.EmitOptions.class);

    @TempDir
    static Path dir;

    @TestFactory
    Stream<DynamicTest> nullArgumentsAreClearErrors() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Class<?> type : API) {
            for (Executable call : entryPoints(type)) {
                int references = 0;
                for (int i = 0; i < call.getParameterCount(); i++) {
                    if (!call.getParameterTypes()[i].isPrimitive()) {
                        references++;
                        int position = i;
                        tests.add(DynamicTest.dynamicTest(describe(call) + " with argument " + i + " null",
                                () -> check(call, position)));
                    }
                }
                if (references > 1) {
                    tests.add(DynamicTest.dynamicTest(describe(call) + " with every reference null",
                            () -> check(call, -1)));
                }
            }
        }
        assertTrue(tests.size() > 60, "the scan found too few entry points: " + tests.size());
        return tests.stream();
    }

    private static List<Executable> entryPoints(Class<?> type) {
        List<Executable> calls = new ArrayList<>();
        for (Constructor<?> c : type.getConstructors()) {
            calls.add(c);
        }
        for (Method m : type.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()) && !m.isSynthetic()) {
                calls.add(m);
            }
        }
        return calls;
    }

    /** Calls {@code call} with null at {@code nullAt} (every reference when -1) and samples elsewhere. */
    private static void check(Executable call, int nullAt) throws Exception {
        Class<?>[] types = call.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            boolean isNull = !types[i].isPrimitive() && (nullAt < 0 || i == nullAt);
            if (!isNull) {
                Supplier<Object> sample = SAMPLES.get(types[i]);
                if (sample == null) {
                    return; // no ordinary value of this type at hand: the all-null call still covers the entry point
                }
                args[i] = sample.get();
            }
        }
        Throwable thrown = invoke(call, args);
        if (thrown == null) {
            return;
        }
        if (!(thrown instanceof UnrollException)) {
            throw new AssertionError(describe(call) + " threw a raw " + thrown, thrown);
        }
        assertFalse(thrown.getMessage() == null || thrown.getMessage().isBlank(), describe(call) + ": no message");
    }

    private static Throwable invoke(Executable call, Object[] args) throws ReflectiveOperationException {
        try {
            if (call instanceof Constructor<?> c) {
                c.newInstance(args);
            } else {
                ((Method) call).invoke(null, args);
            }
            return null;
        } catch (InvocationTargetException e) {
            return e.getCause();
        }
    }

    private static String describe(Executable call) {
        StringBuilder s = new StringBuilder(call.getDeclaringClass().getSimpleName());
        s.append(call instanceof Constructor<?> ? "" : "." + call.getName()).append('(');
        Class<?>[] types = call.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            s.append(i == 0 ? "" : ", ").append(types[i].getSimpleName());
        }
        return s.append(')').toString();
    }

    private static final Map<Class<?>, Supplier<Object>> SAMPLES = samples();

    private static Map<Class<?>, Supplier<Object>> samples() {
        Map<Class<?>, Supplier<Object>> s = new LinkedHashMap<>();
        s.put(String.class, () -> "x");
        s.put(Path.class, () -> dir.resolve("out.bin"));
        s.put(int[].class, () -> new int[] {1, 2, 3, 1, 2, 3});
        s.put(double[].class, () -> new double[] {1.0});
        s.put(byte[].class, () -> new byte[] {1});
        s.put(List.class, List::of);
        s.put(Map.class, Map::of);
        s.put(ClassLoader.class, NullArgumentsTest.class::getClassLoader);
        s.put(Dtype.class, () -> Dtype.FLOAT64);
        s.put(Truncation.class, Truncation::full);
        s.put(Sampling.class, () -> Sampling.SEQUENTIAL);
        s.put(Preprocessing.class, () -> Preprocessing.LECTURE);
        s.put(Tokenization.class, () -> Tokenization.CHARACTERS);
        s.put(Options.class, Options::float64);
        s.put(TrainConfig.class, TrainConfig::defaults);
        s.put(Corpus.class, () -> Corpus.of("sample", "abc abd abe"));
        s.put(Vocab.class, () -> Vocab.fromTokens(List.of(Vocab.UNKNOWN, "a", "b")));
        s.put(ShapedArray.class, () -> ShapedArray.vector(1.0));
        s.put(Cell.class, () -> Cells.rnn(2, 2));
        s.put(TorchCell.class, () -> TorchCell.RNN);
        s.put(dev.unroll.compiler.loss.Loss.class, () -> dev.unroll.compiler.loss.Loss.MEAN_SQUARED_ERROR);
        s.put(Program.class, () -> Planner.plan(Model.of(Encoding.oneHot(3))
                .layers(1, Layer.of(in -> Cells.rnn(in, 2))).head(Head.everyStep(3)).build()));
        return s;
    }
}
