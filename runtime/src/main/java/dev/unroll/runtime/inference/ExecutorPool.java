package dev.unroll.runtime.inference;

import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.Options;
import dev.unroll.runtime.PrecompiledKernels;
import dev.unroll.runtime.model.CompiledProgram;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * Executors of one program with one set of parameters, lent to one caller at a time: a call borrows a private
 * executor of at least the steps and rows it needs and gives it back, so calls from many threads never share
 * buffers. The kernels of each capacity are compiled (or found precompiled) once and shared by its executors.
 * In-memory kernels are compiled for capacities rounded up to powers of two, so runs of similar sizes share them;
 * precompiled kernels are asked for exactly what a run needs, since their own capacity is fixed.
 */
final class ExecutorPool {

    /** The steps and rows an executor holds. */
    private record Capacity(int steps, int batch) {
    }

    private final Program program;
    private final ParamStore params;
    private final Dtype dtype;
    private final PrecompiledKernels precompiled;
    private final Map<Capacity, CompiledProgram> compiled = new ConcurrentHashMap<>();
    private final Map<Capacity, Queue<ProgramExecutor>> idle = new ConcurrentHashMap<>();

    /** A pool for {@code program} with {@code params} (never changed afterwards); {@code precompiled} may be null. */
    ExecutorPool(Program program, ParamStore params, Dtype dtype, PrecompiledKernels precompiled) {
        this.program = program;
        this.params = params;
        this.dtype = dtype;
        this.precompiled = precompiled;
    }

    /** Runs {@code work} with an executor of at least {@code steps} steps and {@code batch} rows, lent to it alone. */
    <T> T with(int steps, int batch, Function<ProgramExecutor, T> work) {
        Capacity capacity = precompiled != null ? new Capacity(steps, batch)
                : new Capacity(ceilingPowerOfTwo(steps), ceilingPowerOfTwo(batch));
        Queue<ProgramExecutor> queue = idle.computeIfAbsent(capacity, c -> new ConcurrentLinkedQueue<>());
        ProgramExecutor executor = queue.poll();
        if (executor == null) {
            executor = newExecutor(capacity);
        }
        try {
            return work.apply(executor);
        } finally {
            queue.add(executor);
        }
    }

    private ProgramExecutor newExecutor(Capacity capacity) {
        CompiledProgram kernels = compiled.computeIfAbsent(capacity, this::compile);
        ProgramExecutor executor = kernels.newExecutor();
        executor.setParameters(params);
        // Inference never drops units: dropout and zoneout act in training only.
        executor.setNoise(0, 0, false);
        return executor;
    }

    private CompiledProgram compile(Capacity capacity) {
        Options options = (dtype == Dtype.FLOAT32 ? Options.float32() : Options.float64())
                .maxSteps(capacity.steps()).maxBatch(capacity.batch());
        return precompiled == null ? CompiledProgram.compile(program, options)
                : CompiledProgram.loadOrCompile(program, options, precompiled);
    }

    private static int ceilingPowerOfTwo(int n) {
        // Beyond 2^30 a doubling would overflow; such a run gets exactly its own size.
        return n <= 1 ? 1 : n > 1 << 30 ? n : Integer.highestOneBit(n - 1) << 1;
    }
}
