package dev.unroll.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.kernels.Dtype;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the generated source of a small RNN, and shows that generation is deterministic. To accept a deliberate
 * change, rerun with {@code -Dunroll.golden.update=true}, review the diff of the golden file and commit it.
 */
class EmitterGoldenTest {

    private static final String GOLDEN = "RnnFloat64Kernel.java.txt";

    static Adjoint rnn() {
        return Autodiff.adjoint(LossCell.attach(Cells.rnn(2, 3), "y", Loss.MEAN_SQUARED_ERROR),
                List.of(LossCell.LOSS));
    }

    static String emit(Adjoint adjoint, Dtype dtype) {
        return Emitter.emit(adjoint, EmitOptions.of("RnnFloat64Kernel", dtype, 8, 4)).toString();
    }

    @Test
    void theRnnKernelSourceMatchesTheGoldenFile() throws IOException {
        String source = emit(rnn(), Dtype.FLOAT64);
        if (Boolean.getBoolean("unroll.golden.update")) {
            Path path = Path.of("src/test/resources/dev/unroll/compiler/emit", GOLDEN);
            Files.writeString(path, source, StandardCharsets.UTF_8);
            fail("wrote " + path.toAbsolutePath() + "; review it and rerun without -Dunroll.golden.update");
        }
        try (InputStream golden = EmitterGoldenTest.class.getResourceAsStream(GOLDEN)) {
            if (golden == null) {
                fail("no golden file " + GOLDEN + "; create it with -Dunroll.golden.update=true");
            }
            assertEquals(new String(golden.readAllBytes(), StandardCharsets.UTF_8), source);
        }
    }

    @Test
    void theSameModelAlwaysGivesByteIdenticalSource() {
        for (Dtype dtype : Dtype.values()) {
            String first = emit(rnn(), dtype);
            for (int i = 0; i < 3; i++) {
                assertEquals(first, emit(rnn(), dtype));
            }
            var lstm = LossCell.attach(Cells.lstm(3, 5), "y", Loss.SOFTMAX_CROSS_ENTROPY);
            assertEquals(Emitter.emit(Autodiff.adjoint(lstm, List.of(LossCell.LOSS)), EmitOptions.of("K", dtype, 9, 3))
                    .toString(), Emitter.emit(Autodiff.adjoint(LossCell.attach(Cells.lstm(3, 5), "y",
                    Loss.SOFTMAX_CROSS_ENTROPY), List.of(LossCell.LOSS)), EmitOptions.of("K", dtype, 9, 3)).toString());
        }
    }

    @Test
    void theDtypeChangesTheBuffersAndTheLiterals() {
        String f32 = emit(rnn(), Dtype.FLOAT32);
        assertNotEquals(emit(rnn(), Dtype.FLOAT64), f32);
        assertEquals(false, f32.contains("private double[]"), "float32 kernels hold no double buffers");
        assertEquals(true, f32.contains("private float[] W_xh;"));
        assertEquals(true, f32.contains("Elementwise.subFrom(1.0f, v25, v25At, v26, v26At, batch * 3);"));
        // Transcendental functions are one ArrayMath call per block; the overload follows the arrays' type.
        assertEquals(true, f32.contains("ArrayMath.tanh(v8, v8At, y, yAt, batch * 3);"));
    }
}
