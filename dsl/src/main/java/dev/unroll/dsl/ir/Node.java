package dev.unroll.dsl.ir;

import dev.unroll.dsl.core.Names;
import dev.unroll.dsl.core.UnrollException;
import java.util.List;
import java.util.Objects;

/**
 * One SSA definition: {@code %id = op inputs : shape}, with optional DSL label and the user's source location.
 *
 * <p>Leaves ({@link Op#INPUT}, {@link Op#STATE}, {@link Op#PARAM}) always carry their name as the label;
 * other nodes carry one when the user named them, and {@code null} otherwise. Labels reach generated source, so
 * every label is checked against {@link Names#IR_RULE} here, whoever makes the node.
 */
public record Node(int id, Op op, List<Integer> inputs, Shape shape, Attrs attrs, String label,
                   SourceLocation source) {

    public Node {
        source = source == null ? SourceLocation.UNKNOWN : source;
        if (id < 0) {
            throw new UnrollException("a node's id must be at least 0, got %" + id + " (at " + source + ")");
        }
        if (op == null || shape == null || inputs == null || inputs.stream().anyMatch(Objects::isNull)) {
            throw new UnrollException("node %" + id + " needs an op, a shape and a list of input ids without nulls,"
                    + " got op " + (op == null ? null : op.mnemonic()) + ", shape " + shape + ", inputs " + inputs
                    + " (at " + source + ")");
        }
        inputs = List.copyOf(inputs);
        attrs = attrs == null ? Attrs.NONE : attrs;
        if (!op.takes(inputs.size())) {
            throw new UnrollException("node %" + id + ": " + op.mnemonic() + " takes " + op.arityText() + ", got "
                    + inputs.size() + " (at " + source + ")");
        }
        boolean named = op == Op.INPUT || op == Op.STATE || op == Op.PARAM;
        if ((label != null || named) && !Names.isIrName(label)) {
            Names.requireIrName("the label of node %" + id + " (" + op.mnemonic() + ")", label, source);
        }
    }

    /** The {@code i}-th input's node id. */
    public int input(int i) {
        if (i < 0 || i >= inputs.size()) {
            throw new UnrollException("node %" + id + " (" + op.mnemonic() + ") has " + inputs.size()
                    + " inputs, so input " + i + " does not exist");
        }
        return inputs.get(i);
    }

    /** Whether the node carries a DSL name. */
    public boolean hasLabel() {
        return label != null;
    }

    /** The same node with another label (or none), checked like every label. */
    public Node withLabel(String newLabel) {
        return new Node(id, op, inputs, shape, attrs, newLabel, source);
    }
}
