package dev.unroll.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.kernels.Kernel;
import dev.unroll.kernels.KernelSpec;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated code links against the kernels module alone: its source imports nothing else of ours, it compiles with
 * only the kernels classes on the class path, and it runs in a class loader that sees nothing but the kernels and
 * the JDK, computing what the same kernel computes in-process.
 */
class KernelsAloneTest {

    private static final Cell LSTM = LossCell.attach(Cells.lstm(3, 4), "y", Loss.MEAN_SQUARED_ERROR);

    private static final int STEPS = 3;

    private static final int BATCH = 2;

    private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?([\\w.]+)\\.[\\w*]+;$");

    @Test
    void generatedSourceImportsOnlyTheKernelsAndTheJdk() {
        for (Options options : List.of(Options.float64(), Options.float32())) {
            String source = Unroll.compile(LSTM, options).source();
            Matcher m = IMPORT.matcher(source);
            int imports = 0;
            while (m.find()) {
                imports++;
                String pkg = m.group(1);
                assertTrue(pkg.startsWith("java.") || pkg.equals("dev.unroll.kernels"),
                        "generated code imports " + m.group() + ", outside the kernels module and the JDK");
            }
            assertTrue(imports > 0, "the generated source imports the kernel types it extends and calls");
        }
    }

    @Test
    void aKernelCompiledAgainstTheKernelsAloneComputesTheSameOutputs(@TempDir Path dir) throws Exception {
        CompiledModel model = Unroll.compile(LSTM, Options.float64().maxSteps(STEPS).maxBatch(BATCH));
        Path sources = dir.resolve("src");
        Path source = model.writeSources(sources).get(0);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path kernels = Path.of(Kernel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = javac.run(null, null, err, "-proc:none", "--add-modules", "jdk.incubator.vector",
                "-classpath", kernels.toString(), "-d", classes.toString(), source.toString());
        assertEquals(0, status, "javac with only the kernels on the class path: " + err);

        URL[] path = {classes.toUri().toURL(), kernels.toUri().toURL()};
        try (URLClassLoader alone = new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
            String name = model.javaFile().packageName() + "." + model.javaFile().typeSpec().name();
            Class<?> type = alone.loadClass(name);
            assertThrows(ClassNotFoundException.class, () -> alone.loadClass(Cell.class.getName()),
                    "the loader must not see the DSL, or the test proves nothing");
            Object isolated = type.getConstructor().newInstance();
            Kernel inProcess = model.newKernel();
            Class<?> contract = Class.forName(Kernel.class.getName(), false, alone);
            assertTrue(contract != Kernel.class && contract.isInstance(isolated), "the isolated kernel implements"
                    + " the contract as the isolated loader defines it");
            KernelSpec spec = inProcess.spec();
            double[][] expected = run(inProcess, Kernel.class, spec);
            double[][] actual = run(isolated, contract, spec);
            for (int i = 0; i < expected.length; i++) {
                assertArrayEquals(expected[i], actual[i], "output value " + i);
            }
        }
    }

    /**
     * Sets seeded parameters, states and inputs through the kernel contract (called by reflection, so that the
     * isolated kernel is reached through its own loader's types), runs {@link #STEPS} steps and returns every
     * output of every step.
     */
    private static double[][] run(Object kernel, Class<?> contract, KernelSpec spec) throws Exception {
        SplittableRandom rng = new SplittableRandom(13);
        for (int p = 0; p < spec.params().size(); p++) {
            call(contract, kernel, "setParameter", p, draw(rng, spec.params().get(p).length(BATCH)));
        }
        for (int s = 0; s < spec.states().size(); s++) {
            call(contract, kernel, "setInitialState", s, draw(rng, spec.states().get(s).length(BATCH)));
        }
        for (int t = 0; t < STEPS; t++) {
            for (int i = 0; i < spec.inputs().size(); i++) {
                call(contract, kernel, "setInput", i, t, draw(rng, spec.inputs().get(i).length(BATCH)));
            }
        }
        call(contract, kernel, "forward", STEPS, BATCH);
        List<double[]> out = new ArrayList<>();
        for (int t = 0; t < STEPS; t++) {
            for (int o = 0; o < spec.outputs().size(); o++) {
                double[] values = new double[spec.outputs().get(o).length(BATCH)];
                call(contract, kernel, "getOutput", o, t, values);
                out.add(values);
            }
        }
        return out.toArray(double[][]::new);
    }

    private static void call(Class<?> contract, Object kernel, String method, Object... args) throws Exception {
        for (Method m : contract.getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                m.invoke(kernel, args);
                return;
            }
        }
        throw new AssertionError("the kernel contract has no method " + method + " of " + args.length + " arguments");
    }

    private static double[] draw(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextDouble(-1, 1);
        }
        return v;
    }
}
