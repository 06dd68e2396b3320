package dev.unroll.compiler.passes.schedule;

import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a {@link Scheduled} program: what a kernel runs at that point of its region. Node ids are those of
 * the adjoint graph, whose first nodes are the forward graph's; parameter, input and state indices are the forward
 * cell's. The emitter has one row of code per kind of item, a {@link Visitor} method each.
 */
public sealed interface Item {

    /** The nodes whose values this item computes into their own buffers, in order. */
    default List<Integer> computes() {
        return List.of();
    }

    /** The values this item reads, as node ids. */
    List<Integer> reads(Adjoint adjoint);

    /** Calls the visitor's method for this kind of item. */
    <R> R accept(Visitor<R> visitor);

    /** One method per kind of item, so that a new kind cannot be forgotten where items become code or text. */
    interface Visitor<R> {
        R compute(Compute item);

        R hoisted(Hoisted item);

        R chain(Chain item);

        R packWeights(PackWeights item);

        R mergedProduct(MergedProduct item);

        R transpose(Transpose item);

        R transposedProduct(TransposedProduct item);

        R sumOverSteps(SumOverSteps item);

        R nextState(NextState item);

        R accumulateGradient(AccumulateGradient item);

        R inputGradient(InputGradient item);

        R carryStateAdjoint(CarryStateAdjoint item);
    }

    /** An item that computes one node, {@code node()}, from its inputs. */
    sealed interface OneNode extends Item {
        /** The node computed. */
        int node();

        @Override
        default List<Integer> computes() {
            return List.of(node());
        }

        @Override
        default List<Integer> reads(Adjoint adjoint) {
            return adjoint.cell().graph().node(node()).inputs();
        }
    }

    /** Node {@code node} for the region's step. */
    record Compute(int node) implements OneNode {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.compute(this);
        }
    }

    /**
     * Hoisted node {@code node} for every step, before the forward loop: with {@code allRows}, in one call over the
     * rows of all steps, which lie back to back; otherwise step by step (its op does not work row by row).
     */
    record Hoisted(int node, boolean allRows) implements OneNode {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.hoisted(this);
        }
    }

    /**
     * Elementwise nodes run together on one tile of {@code tileRows} rows after another, so that each value a node
     * writes is still in cache when the next node reads it; a chain of one node runs on all rows in one call.
     */
    record Chain(List<Integer> nodes, int tileRows) implements Item {
        public Chain {
            nodes = List.copyOf(nodes);
        }

        @Override
        public List<Integer> computes() {
            return nodes;
        }

        @Override
        public List<Integer> reads(Adjoint adjoint) {
            return inputsOf(adjoint.cell().graph(), nodes);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.chain(this);
        }
    }

    /** Packs the parameters of merged group {@code group}'s products side by side, once per forward pass. */
    record PackWeights(int group, List<Integer> products) implements Item {
        public PackWeights {
            products = List.copyOf(products);
        }

        @Override
        public List<Integer> reads(Adjoint adjoint) {
            Graph graph = adjoint.cell().graph();
            return products.stream().map(id -> graph.node(id).input(1)).toList();
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.packWeights(this);
        }
    }

    /** Merged group {@code group}'s products of one batched value as one product by the packed parameters. */
    record MergedProduct(int group, List<Integer> products) implements Item {
        public MergedProduct {
            products = List.copyOf(products);
        }

        @Override
        public List<Integer> computes() {
            return products;
        }

        @Override
        public List<Integer> reads(Adjoint adjoint) {
            return inputsOf(adjoint.cell().graph(), products);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.mergedProduct(this);
        }
    }

    /** Transposes parameter node {@code param} once per backward pass. */
    record Transpose(int param) implements Item {
        @Override
        public List<Integer> reads(Adjoint adjoint) {
            return List.of(param);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.transpose(this);
        }
    }

    /** {@code matmul_nt} node {@code node} as a product on rows by the transposed copy of parameter node {@code param}. */
    record TransposedProduct(int node, int param) implements OneNode {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.transposedProduct(this);
        }
    }

    /**
     * Gradient node {@code node} ({@code matmul_tn a b}) of parameter {@code param}, summed over all steps in one
     * product into the gradient; the node gets no buffer of its own.
     */
    record SumOverSteps(int node, int param) implements Item {
        @Override
        public List<Integer> reads(Adjoint adjoint) {
            return adjoint.cell().graph().node(node).inputs();
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.sumOverSteps(this);
        }
    }

    /** Copies state {@code state}'s next value into its block for step t + 1. */
    record NextState(int state) implements Item {
        @Override
        public List<Integer> reads(Adjoint adjoint) {
            return List.of(adjoint.forward().states().get(state).next());
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.nextState(this);
        }
    }

    /** Adds this step's gradient node {@code node} to parameter {@code param}'s gradient. */
    record AccumulateGradient(int param, int node) implements Item {
        @Override
        public List<Integer> reads(Adjoint adjoint) {
            return List.of(node);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.accumulateGradient(this);
        }
    }

    /** Copies this step's gradient node {@code node} of input {@code input} into its block for step t. */
    record InputGradient(int input, int node) implements Item {
        @Override
        public List<Integer> reads(Adjoint adjoint) {
            return List.of(node);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.inputGradient(this);
        }
    }

    /** Scales state {@code state}'s adjoint by the carry factor into its block flowing into step t − 1. */
    record CarryStateAdjoint(int state) implements Item {
        /**
         * Whether the state receives no adjoint, its next adjoint being the constant 0: then the step clears the
         * block (the carry times zero is zero) instead of scaling a value.
         */
        public boolean clears(Adjoint adjoint) {
            Node next = adjoint.cell().graph().node(adjoint.cell().states().get(state).next());
            return next.op() == Op.CONST && next.attrs().scalar() == 0;
        }

        @Override
        public List<Integer> reads(Adjoint adjoint) {
            return List.of(adjoint.cell().states().get(state).next());
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.carryStateAdjoint(this);
        }
    }

    private static List<Integer> inputsOf(Graph graph, List<Integer> nodes) {
        List<Integer> reads = new ArrayList<>();
        nodes.forEach(id -> reads.addAll(graph.node(id).inputs()));
        return reads;
    }
}
