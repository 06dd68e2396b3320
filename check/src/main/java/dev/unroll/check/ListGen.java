package dev.unroll.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Generates lists with a "more?" choice before each optional element, so deleting a (flag, element) pair of
 * choices deletes an element and zeroing a flag truncates the list.
 */
record ListGen<T>(Gen<T> element, int minSize, int maxSize) implements Gen<List<T>> {

    /** Upper bound on the expected number of optional elements, keeping typical lists small and fast. */
    private static final int MAX_EXPECTED_EXTRA = 10;

    ListGen {
        if (element == null) {
            throw new NullPointerException("Gens.lists needs an element generator, got null");
        }
        if (minSize < 0 || minSize > maxSize) {
            throw new IllegalArgumentException("Gens.lists needs 0 <= minSize <= maxSize, got minSize=" + minSize
                    + ", maxSize=" + maxSize);
        }
    }

    @Override
    public List<T> generate(Choices choices) {
        List<T> values = new ArrayList<>();
        for (int i = 0; i < minSize; i++) {
            values.add(element.generate(choices));
        }
        // A flag drawn from [0, k] continues unless it is 0, giving on average k optional elements.
        long k = Math.max(1, Math.min(MAX_EXPECTED_EXTRA, maxSize - minSize));
        while (values.size() < maxSize && choices.draw(k) != 0) {
            values.add(element.generate(choices));
        }
        return Collections.unmodifiableList(values);
    }
}
