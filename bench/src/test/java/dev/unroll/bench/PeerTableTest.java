package dev.unroll.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Iterator;
import java.util.List;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class PeerTableTest {

    @Test
    void theWidestVectorSetOfTheFlagsNamesTheIsa() {
        assertEquals("AVX-512", Machine.isa("fpu sse2 avx avx2 fma avx512f avx512bw"));
        assertEquals("AVX2", Machine.isa("fpu sse2 avx avx2 fma"));
        assertEquals("AVX", Machine.isa("fpu sse2 avx"));
        assertEquals("SSE only", Machine.isa("fpu sse2 sse4_2"));
        // avx512_bf16 alone is not AVX-512 Foundation
        assertEquals("AVX2", Machine.isa("avx2 avx512_bf16"));
    }

    @Test
    void roundsAlternateAfterOneWarmUpEachAndRatiosComeFromMediansAndPairs() {
        StringBuilder order = new StringBuilder();
        Iterator<Double> ours = DoubleStream.of(0, 10, 30, 20).iterator();
        Iterator<Double> theirs = DoubleStream.of(0, 10, 10, 40).iterator();
        Interleaved m = Interleaved.measure(3, () -> {
            order.append('o');
            return ours.next();
        }, () -> {
            order.append('t');
            return theirs.next();
        });
        assertEquals("ototot" + "ot", order.toString());
        assertEquals(20, m.oursMedian());
        assertEquals(10, m.theirsMedian());
        // paired ratios 1, 3 and 0.5
        assertEquals("**2.00** (0.50–3.00)", m.ratio());
    }

    @Test
    void withoutAPeerOnlyOurRoundsRun() {
        Interleaved m = Interleaved.measure(2, () -> 5, null);
        assertNull(m.theirs());
        assertEquals(5, m.oursMedian());
        assertEquals("", m.ratio());
    }

    @Test
    void theStepProductsFollowMergingAndDeferral() {
        List<GemmPeers.Product> merged = GemmPeers.products(32, 32);
        assertEquals(new GemmPeers.Product("gate h·W", "nn", 32, 32, 128), merged.get(1));
        assertEquals(new GemmPeers.Product("weight gradient hᵀ·d", "tn", 32, 32, 128), merged.get(3));
        List<GemmPeers.Product> apart = GemmPeers.products(256, 1);
        assertEquals(new GemmPeers.Product("gate h·W", "nn", 1, 256, 256), apart.get(1));
        assertEquals(new GemmPeers.Product("weight gradient hᵀ·d", "tn", 256, 35, 256), apart.get(3));
        assertEquals(new GemmPeers.Product("input projection x·W", "nn", 35, 28, 256), apart.get(0));
    }
}
