package dev.unroll.compiler.model;

import dev.unroll.dsl.ir.Attrs;
import dev.unroll.dsl.ir.GraphBuilder;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import dev.unroll.dsl.ir.SourceLocation;
import java.util.List;

/**
 * The places of randomness of a model being planned: numbers every dropout and zoneout with a site of its own, in the
 * order the planner meets them (so each direction of a bidirectional layer, and each copy of a stacked cell, draws
 * its own masks), and adds the nodes of the model's {@link Regularization}. A probability of 0 adds no node, so a
 * model without regularization plans exactly the cells it did before.
 */
final class NoiseSites {

    private final Regularization regularization;
    private int next;

    NoiseSites(Regularization regularization) {
        this.regularization = regularization;
    }

    /**
     * The attributes of an inlined cell's node: a dropout or zoneout of the cell's own gets a fresh site, since the
     * same cell may be inlined in several layers.
     */
    Attrs renumbered(Node n) {
        Attrs a = n.attrs();
        return n.op() == Op.DROPOUT || n.op() == Op.ZONEOUT ? Attrs.noise(a.probability(), next++, a.noiseStep()) : a;
    }

    /** A layer's output {@code value} after dropout and variational dropout, as the model asks. */
    int output(GraphBuilder b, int value) {
        int out = dropout(b, value, regularization.dropout(), Attrs.RUNNING_STEP);
        return dropout(b, out, regularization.variational(), 0);
    }

    /** The recurrent state {@code state} as its cell reads it: after variational dropout, if the model asks. */
    int stateRead(GraphBuilder b, int state) {
        return dropout(b, state, regularization.variational(), 0);
    }

    /** The next value of a state: {@code next}, or its zoneout towards {@code previous} if the model asks. */
    int nextState(GraphBuilder b, int previous, int nextValue) {
        double p = regularization.zoneout();
        return p == 0 ? nextValue : b.apply(Op.ZONEOUT, List.of(previous, nextValue),
                Attrs.noise(p, next++, Attrs.RUNNING_STEP), null, SourceLocation.UNKNOWN);
    }

    private int dropout(GraphBuilder b, int value, double p, int step) {
        return p == 0 ? value : b.apply(Op.DROPOUT, List.of(value), Attrs.noise(p, next++, step), null,
                SourceLocation.UNKNOWN);
    }
}
