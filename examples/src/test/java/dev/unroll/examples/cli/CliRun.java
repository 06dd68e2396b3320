package dev.unroll.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Runs the command line in process, capturing its exit code, standard output and standard error. */
record CliRun(int code, String out, String err) {

    /** The command line with {@code args}, as {@code ./unroll args} runs it. */
    static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            var cli = UnrollCommand.commandLine();
            cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
            code = cli.execute(args);
        } finally {
            System.setOut(old);
        }
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
