package dev.unroll.compiler.emit;

import dev.unroll.compiler.passes.schedule.Item;
import dev.unroll.compiler.passes.schedule.Region;
import dev.unroll.compiler.passes.schedule.Scheduled;
import dev.unroll.dsl.ir.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a {@link Scheduled} program says about each node, looked up by id: whether it has a method of its own and a
 * buffer, whether it runs on tiles, whether it is computed outside its step or read after the loop (so kept per
 * step), and which parameters are transposed or packed. The emitter decides nothing itself: every answer is read off
 * the program's items.
 */
final class Placement implements Item.Visitor<Void> {

    private final Scheduled program;
    private final boolean[] called;
    private final boolean[] stored;
    private final boolean[] hoisted;
    private final boolean[] kept;
    private final boolean[] tiled;
    private final int[] transposedParam;
    private final List<Integer> transposed = new ArrayList<>();
    private final List<List<Integer>> packed = new ArrayList<>();

    private Placement(Scheduled program) {
        int size = program.graph().size();
        this.program = program;
        this.called = new boolean[size];
        this.stored = new boolean[size];
        this.hoisted = new boolean[size];
        this.kept = new boolean[size];
        this.tiled = new boolean[size];
        this.transposedParam = new int[size];
        Arrays.fill(transposedParam, -1);
        // A constant has no buffer (its readers take it as a literal or fill their own scratch), unless the caller
        // reads it as an output through the kernel's slots.
        program.graph().nodes().forEach(n -> stored[n.id()] = n.op().isLeaf() && n.op() != Op.CONST);
        program.adjoint().forward().outputs().forEach(o -> stored[o.node()] = true);
    }

    /** The placement of every node of {@code program}. */
    static Placement of(Scheduled program) {
        Placement p = new Placement(program);
        for (Item item : program.items()) {
            item.computes().forEach(id -> p.stored[id] = true);
            item.accept(p);
        }
        return p;
    }

    /** The program this placement reads. */
    Scheduled program() {
        return program;
    }

    /** Whether node {@code id} has a method of its own, which some item calls. */
    boolean called(int id) {
        return called[id];
    }

    /** Whether node {@code id} has a buffer: a leaf other than a constant, an output, or a value some item computes. */
    boolean stored(int id) {
        return stored[id];
    }

    /** Whether forward node {@code id} is computed for every step before the forward loop. */
    boolean hoisted(int id) {
        return hoisted[id];
    }

    /** Whether node {@code id}'s value is read for every step after the backward loop. */
    boolean kept(int id) {
        return kept[id];
    }

    /** Whether node {@code id} runs on tiles of rows, its method taking the first row: a member of a chain. */
    boolean tiled(int id) {
        return tiled[id];
    }

    /** The parameter node that node {@code id} reads transposed, or −1. */
    int transposedParam(int id) {
        return transposedParam[id];
    }

    /** The parameter nodes transposed before the backward loop, in the program's order. */
    List<Integer> transposedParams() {
        return List.copyOf(transposed);
    }

    /** The products of each merged group, by group index. */
    List<List<Integer>> mergedProducts() {
        return List.copyOf(packed);
    }

    /** Whether some item runs in region {@code region}. */
    boolean runs(Region region) {
        return !program.region(region).isEmpty();
    }

    @Override
    public Void compute(Item.Compute item) {
        called[item.node()] = true;
        return null;
    }

    @Override
    public Void hoisted(Item.Hoisted item) {
        called[item.node()] = true;
        hoisted[item.node()] = true;
        return null;
    }

    @Override
    public Void chain(Item.Chain item) {
        item.nodes().forEach(id -> called[id] = true);
        item.nodes().forEach(id -> tiled[id] = true);
        return null;
    }

    @Override
    public Void packWeights(Item.PackWeights item) {
        packed.add(item.products());
        return null;
    }

    @Override
    public Void mergedProduct(Item.MergedProduct item) {
        return null;
    }

    @Override
    public Void transpose(Item.Transpose item) {
        transposed.add(item.param());
        return null;
    }

    @Override
    public Void transposedProduct(Item.TransposedProduct item) {
        called[item.node()] = true;
        transposedParam[item.node()] = item.param();
        return null;
    }

    @Override
    public Void sumOverSteps(Item.SumOverSteps item) {
        item.reads(program.adjoint()).forEach(id -> kept[id] = true);
        return null;
    }

    @Override
    public Void nextState(Item.NextState item) {
        return null;
    }

    @Override
    public Void accumulateGradient(Item.AccumulateGradient item) {
        return null;
    }

    @Override
    public Void inputGradient(Item.InputGradient item) {
        return null;
    }

    @Override
    public Void carryStateAdjoint(Item.CarryStateAdjoint item) {
        return null;
    }
}
