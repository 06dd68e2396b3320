package dev.unroll.dsl.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.cells.Cells;
import org.junit.jupiter.api.Test;

/** Golden DOT: leaves as filled boxes, ops as ellipses, dashed edges from next values back to their states. */
class DotTest {

    @Test
    void rnn() {
        assertEquals("""
                digraph rnn {
                  rankdir=TB;
                  node [fontname="Helvetica", fontsize=10];
                  n0 [shape=box, style=filled, fillcolor="#dbeafe", label="%0 input x\\n[B×2]"];
                  n1 [shape=box, style=filled, fillcolor="#fde68a", label="%1 state h\\n[B×3]"];
                  n2 [shape=box, style=filled, fillcolor="#e5e7eb", label="%2 param W_xh\\n[2×3]"];
                  n3 [shape=ellipse, label="%3 matmul\\n[B×3]"];
                  n0 -> n3;
                  n2 -> n3;
                  n4 [shape=box, style=filled, fillcolor="#e5e7eb", label="%4 param W_hh\\n[3×3]"];
                  n5 [shape=ellipse, label="%5 matmul\\n[B×3]"];
                  n1 -> n5;
                  n4 -> n5;
                  n6 [shape=ellipse, label="%6 add\\n[B×3]"];
                  n3 -> n6;
                  n5 -> n6;
                  n7 [shape=box, style=filled, fillcolor="#e5e7eb", label="%7 param b_h\\n[1×3]"];
                  n8 [shape=ellipse, label="%8 add_bias\\n[B×3]"];
                  n6 -> n8;
                  n7 -> n8;
                  n9 [shape=ellipse, label="%9 tanh\\n[B×3]"];
                  n8 -> n9;
                  n9 -> n1 [style=dashed, constraint=false, label="next h"];
                  out_y [shape=doubleoctagon, label="y"];
                  n9 -> out_y;
                }
                """, Dot.of(Cells.rnn(2, 3)));
    }

    @Test
    void customCellWithSliceConcatScaleAndConstant() {
        assertEquals("""
                digraph mix {
                  rankdir=TB;
                  node [fontname="Helvetica", fontsize=10];
                  n0 [shape=box, style=filled, fillcolor="#dbeafe", label="%0 input x\\n[B×4]"];
                  n1 [shape=box, style=filled, fillcolor="#fde68a", label="%1 state h\\n[B×2]"];
                  n2 [shape=ellipse, label="%2 slice[0:2]\\nhead\\n[B×2]"];
                  n0 -> n2;
                  n3 [shape=ellipse, label="%3 concat\\nboth\\n[B×4]"];
                  n2 -> n3;
                  n1 -> n3;
                  n4 [shape=box, style=filled, fillcolor="#e5e7eb", label="%4 param W\\n[4×2]"];
                  n5 [shape=ellipse, label="%5 matmul\\n[B×2]"];
                  n3 -> n5;
                  n4 -> n5;
                  n6 [shape=ellipse, label="%6 scale[-0.5]\\n[B×2]"];
                  n5 -> n6;
                  n7 [shape=box, label="%7 const[1.5]\\n[B×2]"];
                  n8 [shape=ellipse, label="%8 add\\n[B×2]"];
                  n6 -> n8;
                  n7 -> n8;
                  n9 [shape=ellipse, label="%9 tanh\\n[B×2]"];
                  n8 -> n9;
                  n9 -> n1 [style=dashed, constraint=false, label="next h"];
                  out_y [shape=doubleoctagon, label="y"];
                  n9 -> out_y;
                  out_both [shape=doubleoctagon, label="both"];
                  n3 -> out_both;
                }
                """, Dot.of(SmallCells.mix()));
    }

    @Test
    void quotedTextEscapesQuotesBackslashesAndLineBreaks() {
        // The quote that would end the string and the backslash that would escape the closing quote are escaped.
        assertEquals("\"a\\\"] ; x -> y [label=\\\\\\\"\"", Dot.label("a\"] ; x -> y [label=\\\""));
        assertEquals("\"one\\ntwo\\nthree?four?\"", Dot.label("one\ntwo", "three\rfour\u2028"));
        assertEquals("\"\\\\u000a\"", Dot.label("\\u000a"));
    }

    @Test
    void identifiersThatAreDotKeywordsOrNotPlainAreQuoted() {
        assertEquals("lstm", Dot.id("lstm"));
        assertEquals("\"graph\"", Dot.id("graph"));
        assertEquals("\"Node\"", Dot.id("Node"));
        assertEquals("\"a b\"", Dot.id("a b"));
        assertTrue(Dot.of(Cell.define("graph", c -> c.output("y", c.input("x", 1).tanh())))
                .startsWith("digraph \"graph\" {\n"));
    }
}
