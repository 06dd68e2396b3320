package dev.unroll.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.emit.Passes;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Value;
import dev.unroll.dsl.core.Names;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.SourceLocation;
import dev.unroll.runtime.InjectionPayloads.Context;
import dev.unroll.runtime.InjectionPayloads.Payload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * No text a user supplies runs as code. Every payload of {@link InjectionPayloads} is rejected, with a message
 * quoting it safely, at every place a name enters ({@link NamePlaces}). Source file names are not names: they are
 * accepted in a node's {@link SourceLocation} and reach the comments of generated code, sanitized; the kernel
 * compiles, agrees with the interpreter forward and backward, and runs none of them. Written verbatim into a class,
 * the same payloads do run: the checks here can fail.
 */
class InjectionTest {

    @AfterEach
    void noPayloadRan() {
        assertNull(System.getProperty(InjectionPayloads.FLAG), "a payload ran");
    }

    @Test
    void everyPayloadIsRejectedWhereverANameEnters() {
        for (Payload payload : InjectionPayloads.ALL) {
            String text = payload.text();
            for (Map.Entry<String, Consumer<String>> place : NamePlaces.ALL.entrySet()) {
                String where = place.getKey() + " " + Names.quote(text);
                UnrollException e = assertThrows(UnrollException.class, () -> place.getValue().accept(text), where);
                String message = e.getMessage();
                assertTrue(message.contains(Names.quote(text)) && message.contains(" is not "), where + ": " + message);
                assertTrue(message.chars().noneMatch(ch -> ch < 0x20 || ch == 0x7f), where + ": on one line");
                assertFalse(InjectionPayloads.dangerous(text) && message.contains(text),
                        where + ": quoted, not copied");
            }
        }
    }

    @Test
    void fileNamesReachCommentsOnlySanitizedAndTheKernelRunsAndAgrees() {
        List<Payload> payloads = InjectionPayloads.ALL;
        Cell cell = LossCell.attach(relocated(chain(payloads.size()), payloads), "y", Loss.MEAN_SQUARED_ERROR);
        Scenario scenario = Scenario.of("hostile file names", cell);
        CompiledModel model = Agreement.compile(scenario, Options.float64().truncation(Truncation.full())
                .maxSteps(Agreement.MAX_STEPS).maxBatch(Agreement.MAX_BATCH), Passes.ALL);
        String source = model.source();
        assertTrue(source.chars().allMatch(ch -> ch == '\n' || (ch >= 0x20 && ch < 0x7f)), "printable ASCII");
        assertFalse(source.contains("\\u"), "no unicode escape");
        for (int i = 0; i < payloads.size(); i++) {
            assertTrue(source.contains(marker(i)), "file name " + i + " reaches the comments");
            String text = payloads.get(i).text();
            assertFalse(InjectionPayloads.dangerous(text) && source.contains(text), "file name " + i + " sanitized");
        }
        Agreement.check(model, scenario, 3, 2, 11);
    }

    @Test
    void writtenVerbatimThePayloadsRun() {
        SourceLoader loader = new SourceLoader();
        int live = 0;
        for (int i = 0; i < InjectionPayloads.ALL.size(); i++) {
            Payload payload = InjectionPayloads.ALL.get(i);
            if (payload.attacks() == Context.NOWHERE) {
                continue;
            }
            String name = "Verbatim" + i;
            JavaFile file = JavaFile.builder("dev.unroll.test.verbatim", TypeSpec.classBuilder(name).build()).build();
            try {
                loader.load(file, "package dev.unroll.test.verbatim; " + InjectionPayloads.rawClass(name, payload));
                assertEquals("1", System.getProperty(InjectionPayloads.FLAG), "payload " + i + " ran");
                live++;
            } finally {
                System.clearProperty(InjectionPayloads.FLAG);
            }
        }
        assertTrue(live >= 10, "only " + live + " payloads attack a place");
    }

    /** A cell of one state and a chain of {@code length} operations after it, so each can carry a file name. */
    static Cell chain(int length) {
        return Cell.define("chain", c -> {
            var x = c.input("x", 2);
            var h = c.state("h", 3);
            var hNext = c.affine("h", 3, x, h).tanh().as("H");
            Value v = hNext;
            for (int i = 0; i < length; i++) {
                v = i % 2 == 0 ? v.sigmoid() : v.tanh();
            }
            c.next(h, hNext).output("y", v);
        });
    }

    /** {@code cell} with its operations declared in files named after the payloads, through the public IR. */
    static Cell relocated(Cell cell, List<Payload> payloads) {
        List<Node> nodes = new ArrayList<>();
        int op = 0;
        for (Node n : cell.graph().nodes()) {
            SourceLocation at = n.op().isLeaf() ? n.source()
                    : new SourceLocation(marker(op % payloads.size()) + payloads.get(op++ % payloads.size()).text(),
                    7 + n.id());
            nodes.add(new Node(n.id(), n.op(), n.inputs(), n.shape(), n.attrs(), n.label(), at));
        }
        return new Cell(cell.name(), new Graph(nodes), cell.inputs(), cell.states(), cell.params(), cell.outputs(),
                new SourceLocation(payloads.get(0).text(), 1));
    }

    private static String marker(int i) {
        return "Evil" + i + "Marker";
    }
}
