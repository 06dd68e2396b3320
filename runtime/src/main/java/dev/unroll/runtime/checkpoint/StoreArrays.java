package dev.unroll.runtime.checkpoint;

import dev.unroll.compiler.model.ParamStore;
import dev.unroll.dsl.core.DerivedNames;
import dev.unroll.dsl.core.Require;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Moves a parameter store to and from named shaped arrays, keyed as {@link DerivedNames} renders them: the
 * reference's text in an {@code .npz} export, {@code param/<text>} in a checkpoint. Shapes come from the program,
 * never from the file.
 */
public final class StoreArrays {

    private static final DerivedNames.Section PARAM = DerivedNames.Section.PARAMETER;

    private StoreArrays() {
    }

    /** Every learned array of {@code store} with its shape, keyed by its reference's text (as in an export). */
    public static Map<String, ShapedArray> named(ParamStore store) {
        Require.notNull(store, "StoreArrays.named", "store");
        Map<String, ShapedArray> out = new LinkedHashMap<>();
        for (int i = 0; i < store.size(); i++) {
            out.put(store.ref(i).text(), new ShapedArray(store.fileShape(i), store.values(i)));
        }
        return out;
    }

    /** Every learned array of {@code store} with its shape, keyed as in a checkpoint ({@code param/<text>}). */
    public static Map<String, ShapedArray> checkpointed(ParamStore store) {
        Map<String, ShapedArray> out = new LinkedHashMap<>();
        named(store).forEach((name, array) -> out.put(PARAM.key(name), array));
        return out;
    }

    /**
     * Fills {@code into} from the {@code param/<text>} arrays of {@code c} (read from {@code where}); a missing array
     * or one of another shape than the model's is rejected.
     */
    public static void restore(Checkpoint c, ParamStore into, String where) {
        Require.notNull(c, "StoreArrays.restore", "checkpoint");
        Require.notNull(into, "StoreArrays.restore", "store");
        for (int i = 0; i < into.size(); i++) {
            ShapedArray stored = c.array(PARAM.key(into.ref(i).text()));
            into.set(into.ref(i), stored.shape(), stored.values(), "checkpoint " + where);
        }
    }
}
