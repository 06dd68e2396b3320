package dev.unroll.bench;

import dev.unroll.compiler.model.Program;
import dev.unroll.kernels.Acceleration;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.text.Minibatches;
import dev.unroll.runtime.train.ThreadChoice;
import dev.unroll.runtime.train.Trainer;
import dev.unroll.runtime.train.TrainingState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Unroll against PyTorch and OpenBLAS in one run, interleaved round by round ({@link Interleaved}), on the same
 * machine and thread count. Sections (all when none is given): {@code train} (training steps of bench's language
 * model through the {@link Trainer}, against {@code peers/train_step.py}: fused {@code nn.LSTM}/{@code nn.GRU}, and
 * the custom cell against the same cell scripted with TorchScript), {@code gemm} ({@link GemmPeers}: the matrix
 * products of an LSTM training step against {@code numpy.matmul}, one thread), {@code threads} (the trainer with two
 * threads against itself with one). Options: {@code quick} (shorter rounds), {@code --python PATH} (else the
 * environment variable {@code UNROLL_PYTHON}, else {@code python3}), {@code --threads 1,2}, {@code --rounds N},
 * {@code --rows lstm:256:1:float32,…} (only these training rows: cell, H, B and dtype).
 * Without PyTorch it says so and prints Unroll's rows alone. Run it from the repository root:
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.unroll.bench.PeerTable</pre>
 */
public final class PeerTable {

    /** A training workload: our cell, the peer's cell for the same model and the peer's name in the table. */
    private record Row(String cell, int hidden, int batch, String dtype, String peerCell, String peer) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("lstm", 256, 32, "float32", "lstm", "nn.LSTM"),
            new Row("lstm", 32, 32, "float32", "lstm", "nn.LSTM"),
            new Row("lstm", 256, 1, "float32", "lstm", "nn.LSTM"),
            new Row("lstm", 256, 32, "float64", "lstm", "nn.LSTM"),
            new Row("gru", 256, 32, "float32", "gru", "nn.GRU"),
            new Row("gru", 32, 32, "float32", "gru", "nn.GRU"),
            new Row("custom", 256, 32, "float32", "scripted", "TorchScript cell"));

    private final Settings settings;
    private final Peer peer;

    private PeerTable(Settings settings, Peer peer) {
        this.settings = settings;
        this.peer = peer;
    }

    public static void main(String[] args) {
        Settings settings = Settings.parse(args);
        System.out.println(Machine.describe());
        if (!Acceleration.vectorized()) {
            System.out.println("note: these rows measure the plain-Java fallback; start the JVM with --add-modules "
                    + Acceleration.MODULE + " to measure the vector kernels users get");
        }
        StringBuilder why = new StringBuilder();
        Optional<Peer> started = Peer.start(settings.python(), Path.of("peers", "train_step.py"), why);
        System.out.println(started.map(p -> "peer: " + p.info() + " (" + settings.python() + ")")
                .orElse("PyTorch is not available (" + why + "): skipping the peer rows"));
        try (Peer peer = started.orElse(null)) {
            PeerTable table = new PeerTable(settings, peer);
            for (String section : settings.sections()) {
                switch (section) {
                    case "train" -> table.train();
                    case "gemm" -> new GemmPeers(settings, peer).run();
                    case "threads" -> table.threads();
                    default -> throw new IllegalArgumentException("sections are train, gemm and threads, got "
                            + section);
                }
            }
        }
    }

    private void train() {
        System.out.printf("%n### Training steps against PyTorch (%d rounds of %.1f s each side, interleaved)%n%n",
                settings.rounds(), settings.seconds());
        System.out.println("| cell | H | B | dtype | threads | Unroll tokens/s | peer | peer tokens/s | ratio (paired"
                + " rounds) | load |");
        System.out.println("|---|---:|---:|---|---:|---:|---|---:|---:|---|");
        for (int threads : settings.threads()) {
            for (Row row : ROWS) {
                if (!settings.wants(row.cell(), row.hidden(), row.batch(), row.dtype())) {
                    continue;
                }
                String load = Machine.load();
                Interleaved m;
                try (Unroll ours = new Unroll(row, threads)) {
                    m = Interleaved.measure(settings.rounds(), ours::round, peer == null ? null : () -> peer.ask(
                            String.format(Locale.ROOT, "train %s %d %d %s %d %.2f", row.peerCell(), row.hidden(),
                                    row.batch(), row.dtype(), threads, settings.seconds())));
                }
                System.out.printf(Locale.ROOT, "| %s | %d | %d | %s | %d | %,.0f | %s | %s | %s | %s |%n", row.cell(),
                        row.hidden(), row.batch(), row.dtype(), threads, m.oursMedian(), row.peer(),
                        peer == null ? "" : String.format(Locale.ROOT, "%,.0f", m.theirsMedian()), m.ratio(), load);
            }
        }
    }

    private void threads() {
        System.out.printf("%n### Two threads against one (the trainer, %d rounds of %.1f s each, interleaved)%n%n",
                settings.rounds(), settings.seconds());
        System.out.println("| cell | H | B | dtype | 2 threads tokens/s (a team where `--threads 0` picks one) | 1 thread"
                + " tokens/s | ratio (paired rounds) | `--threads 0` picks on 2 cores | load |");
        System.out.println("|---|---:|---:|---|---:|---:|---:|---:|---|");
        for (int hidden : new int[] {32, 64, 128, 256}) {
            for (int batch : new int[] {1, 8, 32}) {
                if (!settings.wants("lstm", hidden, batch, "float32")) {
                    continue;
                }
                Row row = new Row("lstm", hidden, batch, "float32", "lstm", "");
                Program program = Workload.program("lstm", hidden);
                int picked = ThreadChoice.workers(program, batch, Workload.STEPS, 2);
                int team = ThreadChoice.team(program, batch, picked, 2);
                // Where the choice on two cores is a team, the two-thread side runs it (threads 0), not a batch split.
                int twoThreads = team > 1 && batch > 1 ? 0 : 2;
                String load = Machine.load();
                Interleaved m;
                try (Unroll two = new Unroll(row, twoThreads); Unroll one = new Unroll(row, 1)) {
                    m = Interleaved.measure(settings.rounds(), two::round, one::round);
                }
                System.out.printf(Locale.ROOT, "| lstm | %d | %d | float32 | %,.0f | %,.0f | %s | %s | %s |%n", hidden,
                        batch, m.oursMedian(), m.theirsMedian(), m.ratio(), team > 1 ? "team of " + team : picked,
                        load);
            }
        }
    }

    /** Our side of a row: a trainer with its state and data, timed in rounds of whole epochs. */
    private final class Unroll implements AutoCloseable {

        private static final int BATCHES = 20;

        private final Row row;
        private final Trainer trainer;
        private final TrainingState state;
        private final Minibatches data;

        Unroll(Row row, int threads) {
            this.row = row;
            Program program = Workload.program(row.cell(), row.hidden());
            Dtype dtype = "float64".equals(row.dtype()) ? Dtype.FLOAT64 : Dtype.FLOAT32;
            this.trainer = Workload.trainer(program, dtype, row.batch(), threads);
            this.state = trainer.initialState();
            this.data = Workload.randomMinibatches(row.batch(), BATCHES);
        }

        /** Tokens/s of whole epochs run for at least the round's length. */
        double round() {
            long start = System.nanoTime();
            long tokens = 0;
            double elapsed;
            do {
                tokens += (long) data.epoch(state.epochsDone()).size() * row.batch() * Workload.STEPS;
                trainer.epoch(state, data, null, (done, total) -> { });
                elapsed = (System.nanoTime() - start) / 1e9;
            } while (elapsed < settings.seconds());
            return tokens / elapsed;
        }

        @Override
        public void close() {
            trainer.close();
        }
    }

    /** The command line: sections, round length and count, thread counts and the peer's Python. */
    record Settings(List<String> sections, double seconds, int rounds, int[] threads, String python,
                    List<String> rows) {

        /** Whether the row of {@code cell}, H, B and dtype is measured: all are without {@code --rows}. */
        boolean wants(String cell, int hidden, int batch, String dtype) {
            return rows.isEmpty() || rows.contains(cell + ":" + hidden + ":" + batch + ":" + dtype);
        }

        static Settings parse(String[] args) {
            List<String> sections = new ArrayList<>();
            boolean quick = false;
            int rounds = 5;
            int[] threads = {1, 2};
            List<String> rows = List.of();
            String env = System.getenv("UNROLL_PYTHON");
            String python = env == null || env.isBlank() ? "python3" : env;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "quick" -> quick = true;
                    case "--python" -> python = value(args, ++i);
                    case "--rounds" -> rounds = Integer.parseInt(value(args, ++i));
                    case "--rows" -> rows = List.of(value(args, ++i).split(","));
                    case "--threads" -> threads = java.util.Arrays.stream(value(args, ++i).split(","))
                            .mapToInt(Integer::parseInt).toArray();
                    default -> sections.add(args[i]);
                }
            }
            return new Settings(sections.isEmpty() ? List.of("train", "gemm", "threads") : sections,
                    quick ? 1.0 : 2.0, rounds, threads, python, rows);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }
    }
}
