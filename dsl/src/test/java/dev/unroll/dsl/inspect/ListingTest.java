package dev.unroll.dsl.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Here;
import dev.unroll.dsl.cells.Cells;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden listings: one line per node, names as comments, then the state bindings and outputs. */
class ListingTest {

    @Test
    void rnn() {
        assertEquals("""
                cell rnn {
                  %0 = input x : [B×2]
                  %1 = state h : [B×3]
                  %2 = param W_xh : [2×3]
                  %3 = matmul %0 %2 : [B×3]
                  %4 = param W_hh : [3×3]
                  %5 = matmul %1 %4 : [B×3]
                  %6 = add %3 %5 : [B×3]
                  %7 = param b_h : [1×3]
                  %8 = add_bias %6 %7 : [B×3]
                  %9 = tanh %8 : [B×3]
                  next h = %9
                  out y = %9
                }
                """, Listing.of(Cells.rnn(2, 3)));
    }

    @Test
    void customCellWithSliceConcatScaleAndConstant() {
        assertEquals("""
                cell mix {
                  %0 = input x : [B×4]
                  %1 = state h : [B×2]
                  %2 = slice[0:2] %0 : [B×2]  # head
                  %3 = concat %2 %1 : [B×4]  # both
                  %4 = param W : [4×2]
                  %5 = matmul %3 %4 : [B×2]
                  %6 = scale[-0.5] %5 : [B×2]
                  %7 = const[1.5] : [B×2]
                  %8 = add %6 %7 : [B×2]
                  %9 = tanh %8 : [B×2]
                  next h = %9
                  out y = %9
                  out both = %3
                }
                """, Listing.of(SmallCells.mix()));
    }

    @Test
    void gruShowsItsOneMinusAsAConstantAndASubtraction() {
        assertEquals("""
                cell gru {
                  %0 = input x : [B×2]
                  %1 = state h : [B×3]
                  %2 = param W_xr : [2×3]
                  %3 = matmul %0 %2 : [B×3]
                  %4 = param W_hr : [3×3]
                  %5 = matmul %1 %4 : [B×3]
                  %6 = add %3 %5 : [B×3]
                  %7 = param b_r : [1×3]
                  %8 = add_bias %6 %7 : [B×3]
                  %9 = sigmoid %8 : [B×3]  # R
                  %10 = param W_xz : [2×3]
                  %11 = matmul %0 %10 : [B×3]
                  %12 = param W_hz : [3×3]
                  %13 = matmul %1 %12 : [B×3]
                  %14 = add %11 %13 : [B×3]
                  %15 = param b_z : [1×3]
                  %16 = add_bias %14 %15 : [B×3]
                  %17 = sigmoid %16 : [B×3]  # Z
                  %18 = param W_xh : [2×3]
                  %19 = param W_hh : [3×3]
                  %20 = param b_h : [1×3]
                  %21 = matmul %0 %18 : [B×3]
                  %22 = mul %9 %1 : [B×3]
                  %23 = matmul %22 %19 : [B×3]
                  %24 = add %21 %23 : [B×3]
                  %25 = add_bias %24 %20 : [B×3]
                  %26 = tanh %25 : [B×3]  # H_tilde
                  %27 = mul %17 %1 : [B×3]
                  %28 = const[1] : [B×3]
                  %29 = sub %28 %17 : [B×3]
                  %30 = mul %29 %26 : [B×3]
                  %31 = add %27 %30 : [B×3]  # H
                  next h = %31
                  out y = %31
                }
                """, Listing.of(Cells.gru(2, 3)));
    }

    @Test
    void sourcesNameTheUsersLine() {
        int[] lines = new int[2];
        Cell cell = Cell.define("one", c -> {
            lines[0] = Here.line(); var h = c.state("h", 2);
            lines[1] = Here.line(); var t = h.tanh().as("t");
            c.next(h, t).output("y", h);
        });
        assertEquals("cell one {\n"
                + "  %0 = state h : [B×2]  # @ ListingTest.java:" + lines[0] + "\n"
                + "  %1 = tanh %0 : [B×2]  # t @ ListingTest.java:" + lines[1] + "\n"
                + "  next h = %1\n"
                + "  out y = %0\n"
                + "}\n", Listing.of(cell, true));
    }

    @Test
    void everyNodeOfTheStandardCellsIsLocatedInCellsJava() {
        for (Cell cell : List.of(Cells.rnn(2, 3), Cells.lstm(2, 3), Cells.gru(2, 3))) {
            List<String> nodeLines = Listing.of(cell, true).lines().filter(l -> l.startsWith("  %")).toList();
            assertEquals(cell.graph().size(), nodeLines.size());
            for (String l : nodeLines) {
                assertTrue(l.matches("  %\\d+ = .* : \\[.*\\]  #( \\w+)? @ Cells\\.java:\\d+"),
                        cell.name() + ": " + l);
            }
        }
    }

    @Test
    void bareGraphIsTheNodeLinesAlone() {
        Cell cell = SmallCells.mix();
        String full = Listing.of(cell);
        String nodes = full.substring(full.indexOf('\n') + 1, full.indexOf("  next"));
        assertEquals(nodes, Listing.of(cell.graph(), false));
    }
}
