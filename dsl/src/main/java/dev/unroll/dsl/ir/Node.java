package dev.unroll.dsl.ir;

import java.util.List;

/**
 * One SSA definition: {@code %id = op inputs : shape}, with optional DSL label and the user's source location.
 *
 * <p>Leaves ({@link Op#INPUT}, {@link Op#STATE}, {@link Op#PARAM}) always carry their name as the label;
 * other nodes carry one when the user named them, and {@code null} otherwise.
 */
public record Node(int id, Op op, List<Integer> inputs, Shape shape, Attrs attrs, String label,
                   SourceLocation source) {

    public Node {
        inputs = List.copyOf(inputs);
        attrs = attrs == null ? Attrs.NONE : attrs;
        source = source == null ? SourceLocation.UNKNOWN : source;
    }

    /** The {@code i}-th input's node id. */
    public int input(int i) {
        return inputs.get(i);
    }

    /** Whether the node carries a DSL name. */
    public boolean hasLabel() {
        return label != null;
    }

    /** The same node with another label (or none). */
    public Node withLabel(String newLabel) {
        return new Node(id, op, inputs, shape, attrs, newLabel, source);
    }
}
