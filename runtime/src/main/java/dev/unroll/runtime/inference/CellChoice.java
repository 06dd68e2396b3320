package dev.unroll.runtime.inference;

import dev.unroll.compiler.model.Layer;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.dsl.cells.ContextCells;
import dev.unroll.dsl.cells.LayerNormCells;
import dev.unroll.dsl.core.UnrollException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Resolves a cell by name ({@code --cell} on the command line, {@code cell} in a checkpoint): {@code rnn}, {@code lstm}, {@code gru}, {@code gru-torch} (PyTorch's GRU,
 * {@link Cells#gruTorch}), or the name of a class with a {@code public static Cell cell(int inputSize, int hidden)}
 * method (a user's custom cell on the class path); with {@code --layer-norm}, the layer-normalized LSTM or GRU.
 */
public final class CellChoice {

    /** The standard cells' names. */
    public static final List<String> STANDARD = List.of("rnn", "lstm", "gru", "gru-torch");

    private CellChoice() {
    }

    /** The layer for cell kind {@code name} with {@code hidden} units, layer-normalized if asked. */
    public static Layer layer(String name, int hidden, boolean bidirectional, boolean layerNorm) {
        IntFunction<Cell> factory = factory(name, hidden, layerNorm);
        return bidirectional ? Layer.bidirectional(factory) : Layer.of(factory);
    }

    /**
     * The first decoder layer of an encoder–decoder: a standard cell whose gates also read the encoder's context of
     * {@code context} values (d2l's {@code Seq2SeqDecoder}); a custom cell as it is, which reads no context.
     */
    public static Layer contextLayer(String name, int context, int hidden) {
        return switch (name) {
            case "rnn" -> Layer.of(in -> ContextCells.rnn(in, context, hidden));
            case "lstm" -> Layer.of(in -> ContextCells.lstm(in, context, hidden));
            case "gru" -> Layer.of(in -> ContextCells.gru(in, context, hidden));
            // PyTorch's GRU has no context variant: like a custom cell, it starts from the encoder's states only.
            case "gru-torch" -> Layer.of(in -> Cells.gruTorch(in, hidden));
            default -> Layer.of(custom(name, hidden));
        };
    }

    /** The cell of every layer, made for a layer's input width; a custom class is resolved here, before any work. */
    public static IntFunction<Cell> factory(String name, int hidden, boolean layerNorm) {
        return layerNorm ? normalized(name, hidden) : plain(name, hidden);
    }

    /** The layer-normalized cells of {@link LayerNormCells}; other kinds have none. */
    private static IntFunction<Cell> normalized(String name, int hidden) {
        return switch (name) {
            case "lstm" -> in -> LayerNormCells.lstm(in, hidden);
            case "gru" -> in -> LayerNormCells.gru(in, hidden);
            default -> throw new UnrollException("--layer-norm normalizes the built-in lstm and gru cells, not --cell "
                    + name + "; use --cell lstm or gru, or drop --layer-norm (a cell of your own can normalize"
                    + " itself with CellBuilder.layerNorm)");
        };
    }

    private static IntFunction<Cell> plain(String name, int hidden) {
        return switch (name) {
            case "rnn" -> in -> Cells.rnn(in, hidden);
            case "lstm" -> in -> Cells.lstm(in, hidden);
            case "gru" -> in -> Cells.gru(in, hidden);
            case "gru-torch" -> in -> Cells.gruTorch(in, hidden);
            default -> custom(name, hidden);
        };
    }

    private static IntFunction<Cell> custom(String className, int hidden) {
        Method m;
        try {
            // Not initialized yet: a class named by a flag or a checkpoint runs no code until it is known to have
            // the cell method.
            m = find(className).getMethod("cell", int.class, int.class);
        } catch (ClassNotFoundException e) {
            throw new UnrollException("--cell " + className + ": not rnn, lstm, gru or gru-torch, and no class of that"
                    + " name is on the class path; give a fully qualified class name with a static cell(int, int)"
                    + " method");
        } catch (NoSuchMethodException e) {
            throw new UnrollException("--cell " + className + ": the class has no public static method"
                    + " 'Cell cell(int inputSize, int hidden)'");
        } catch (LinkageError e) {
            throw unloadable(className, e);
        }
        if (!Modifier.isStatic(m.getModifiers()) || m.getReturnType() != Cell.class) {
            throw new UnrollException("--cell " + className + ": cell(int, int) must be static and return Cell");
        }
        return in -> invoke(m, className, in, hidden);
    }

    private static Cell invoke(Method m, String className, int in, int hidden) {
        Cell cell;
        try {
            cell = (Cell) m.invoke(null, in, hidden);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof UnrollException u) {
                throw u;
            }
            throw new UnrollException("--cell " + className + ": cell(" + in + ", " + hidden + ") failed: " + cause,
                    cause);
        } catch (LinkageError e) {
            // ExceptionInInitializerError: the class is initialized by its first call.
            throw unloadable(className, e);
        }
        if (cell == null) {
            throw new UnrollException("--cell " + className + ": cell(" + in + ", " + hidden + ") returned null;"
                    + " it must return the Cell it defines");
        }
        return cell;
    }

    /** A class that does not link, or whose static initializer failed. */
    private static UnrollException unloadable(String className, LinkageError e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return new UnrollException("--cell " + className + ": the class cannot be loaded: " + cause
                + "; fix its static initializer or its dependencies", e);
    }

    /**
     * The class {@code className}, not initialized, from Unroll's class loader or else the thread's context class
     * loader, where application servers and plugin systems put an application's own classes.
     */
    private static Class<?> find(String className) throws ClassNotFoundException {
        try {
            return Class.forName(className, false, CellChoice.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context == null || context == CellChoice.class.getClassLoader()) {
                throw e;
            }
            return Class.forName(className, false, context);
        }
    }
}
