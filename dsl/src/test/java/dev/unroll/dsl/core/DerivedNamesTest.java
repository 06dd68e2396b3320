package dev.unroll.dsl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.check.ForAll;
import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.Property;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The one naming place: what each derived name and file key looks like, and that none clash. */
class DerivedNamesTest {

    private static final List<Character> CHARS = "abcxyzABW019_".chars().mapToObj(c -> (char) c).toList();

    static Gen<String> names() {
        Gen<String> tail = Gens.lists(Gens.elements(CHARS), 0, 6).map(cs -> cs.stream().map(String::valueOf)
                .collect(Collectors.joining()));
        return Gens.zip(Gens.oneOf("h", "W", "x", "d", "g", "T", "t", "target", "init"), tail, (a, b) -> a + b)
                .filter(Names::isSafe);
    }

    @Test
    void rendersEachKindOfDerivedNameAndFileKey() {
        assertEquals("d__h", DerivedNames.adjoint("h"));
        assertEquals("g__W_hh", DerivedNames.gradient("W_hh"));
        assertEquals("T__W_hh", DerivedNames.transposed("W_hh"));
        assertEquals("target__o", DerivedNames.target("o"));
        assertEquals("x__t3", DerivedNames.atStep("x", 3));
        assertEquals("rnn__unrolled5", DerivedNames.unrolled("rnn", 5));
        assertEquals("l0__W_xh", DerivedNames.inLayer("l0", "W_xh"));
        assertEquals("W_hq", DerivedNames.inLayer("", "W_hq"));
        assertEquals("l0__h__init", DerivedNames.initialValue("l0__h"));
        assertEquals("param/l0__W_xh", DerivedNames.Section.PARAMETER.key("l0__W_xh"));
        assertEquals("optim/m.W_hq", DerivedNames.Section.OPTIMIZER.key(DerivedNames.Section.FIRST_MOMENT.key("W_hq")));
        assertEquals("v.b_q", DerivedNames.Section.SECOND_MOMENT.key("b_q"));
        assertTrue(DerivedNames.isTarget("target__o"));
        assertFalse(DerivedNames.isTarget("targets"));
    }

    @Property(tries = 200, seed = "13")
    void eachKindOfDerivedNameIsOneToOneAndNeverAUserName(@ForAll("names") String a, @ForAll("names") String b) {
        List<String> fromA = derived(a);
        List<String> fromB = derived(b);
        assertEquals(fromA.size(), Set.copyOf(fromA).size(), "two kinds clash for " + a + ": " + fromA);
        for (int kind = 0; kind < fromA.size(); kind++) {
            String name = fromA.get(kind);
            assertFalse(Names.isSafe(name), name + " could be written by a user");
            assertTrue(Names.isIrName(name), name + " must be a valid IR name");
            assertEquals(a.equals(b), name.equals(fromB.get(kind)), name + " of " + a + " against " + fromB);
        }
    }

    @Property(tries = 200, seed = "14")
    void everyFileKeyReadsBackInItsOwnSectionOnly(@ForAll("names") String name) {
        for (DerivedNames.Section section : DerivedNames.Section.values()) {
            String key = section.key(name);
            for (DerivedNames.Section other : DerivedNames.Section.values()) {
                assertEquals(other == section ? Optional.of(name) : Optional.empty(), other.name(key),
                        key + " read as " + other);
            }
        }
    }

    private static List<String> derived(String name) {
        return List.of(DerivedNames.adjoint(name), DerivedNames.gradient(name), DerivedNames.transposed(name),
                DerivedNames.target(name), DerivedNames.atStep(name, 1), DerivedNames.unrolled(name, 1),
                DerivedNames.inLayer("l0", name), DerivedNames.initialValue(name));
    }
}
