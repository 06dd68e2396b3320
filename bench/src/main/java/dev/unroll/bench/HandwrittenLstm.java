package dev.unroll.bench;

import java.util.SplittableRandom;

/**
 * The honest baseline: a character-level LSTM language model written by hand the straightforward way (plain
 * loops over flat float arrays, no library, no code generation). One {@link #trainStep} is forward over T steps,
 * full BPTT, clipping by global norm and an SGD update, the same work as one step of the generated code.
 *
 * <p>Gates are laid out side by side in one {@code [4H]} row in the order i, f, o, g (input node), and the
 * one-hot input goes through the same dense product as any other input.
 */
public final class HandwrittenLstm {

    final int vocab;
    final int hidden;
    final int steps;
    final int batch;
    final float[] wx; // [V × 4H]
    final float[] wh; // [H × 4H]
    final float[] b;  // [4H]
    final float[] wq; // [H × V]
    final float[] bq; // [V]
    final float[] gwx;
    final float[] gwh;
    final float[] gb;
    final float[] gwq;
    final float[] gbq;
    private final float[] xs;     // [T × B × V] one-hot
    private final float[] gates;  // [T × B × 4H] after activation
    private final float[] cs;     // [(T+1) × B × H]
    private final float[] hs;     // [(T+1) × B × H]
    private final float[] probs;  // [T × B × V]
    private final float[] dlogits;
    private final float[] dh;
    private final float[] dc;
    private final float[] dz;
    private final float[] dhNext;

    /** A model with Xavier-like uniform weights drawn from {@code seed}. */
    public HandwrittenLstm(int vocab, int hidden, int steps, int batch, long seed) {
        this.vocab = vocab;
        this.hidden = hidden;
        this.steps = steps;
        this.batch = batch;
        int g4 = 4 * hidden;
        SplittableRandom rng = new SplittableRandom(seed);
        wx = uniform(vocab * g4, Math.sqrt(6.0 / (vocab + hidden)), rng);
        wh = uniform(hidden * g4, Math.sqrt(6.0 / (2 * hidden)), rng);
        b = new float[g4];
        wq = uniform(hidden * vocab, Math.sqrt(6.0 / (hidden + vocab)), rng);
        bq = new float[vocab];
        gwx = new float[wx.length];
        gwh = new float[wh.length];
        gb = new float[g4];
        gwq = new float[wq.length];
        gbq = new float[vocab];
        xs = new float[steps * batch * vocab];
        gates = new float[steps * batch * g4];
        cs = new float[(steps + 1) * batch * hidden];
        hs = new float[(steps + 1) * batch * hidden];
        probs = new float[steps * batch * vocab];
        dh = new float[batch * hidden];
        dc = new float[batch * hidden];
        dz = new float[batch * g4];
        dhNext = new float[batch * hidden];
        dlogits = new float[batch * vocab];
    }

    /** One training step on tokens {@code x} and targets {@code y} (time-major {@code [T×B]}); returns the loss. */
    public float trainStep(int[] x, int[] y, float lr, float clip) {
        float loss = forward(x, y);
        backward(x, y);
        float norm = (float) Math.sqrt(sumSquares(gwx) + sumSquares(gwh) + sumSquares(gb) + sumSquares(gwq)
                + sumSquares(gbq));
        float scale = norm > clip ? clip / norm : 1f;
        update(wx, gwx, lr * scale);
        update(wh, gwh, lr * scale);
        update(b, gb, lr * scale);
        update(wq, gwq, lr * scale);
        update(bq, gbq, lr * scale);
        return loss;
    }

    /** The forward pass from zero states; returns the mean cross-entropy over T·B predictions. */
    public float forward(int[] x, int[] y) {
        int g4 = 4 * hidden;
        java.util.Arrays.fill(xs, 0f);
        java.util.Arrays.fill(cs, 0, batch * hidden, 0f);
        java.util.Arrays.fill(hs, 0, batch * hidden, 0f);
        double loss = 0;
        for (int t = 0; t < steps; t++) {
            for (int r = 0; r < batch; r++) {
                xs[(t * batch + r) * vocab + x[t * batch + r]] = 1f;
            }
            int gOff = t * batch * g4;
            for (int r = 0; r < batch; r++) {
                for (int j = 0; j < g4; j++) {
                    gates[gOff + r * g4 + j] = b[j];
                }
            }
            matmulAcc(xs, t * batch * vocab, wx, gates, gOff, batch, vocab, g4);
            matmulAcc(hs, t * batch * hidden, wh, gates, gOff, batch, hidden, g4);
            cellUpdate(t);
            loss += head(t, y);
        }
        return (float) (loss / (steps * batch));
    }

    private void cellUpdate(int t) {
        int g4 = 4 * hidden;
        for (int r = 0; r < batch; r++) {
            int g = t * batch * g4 + r * g4;
            int prev = (t * batch + r) * hidden;
            int next = ((t + 1) * batch + r) * hidden;
            for (int j = 0; j < hidden; j++) {
                float i = sigmoid(gates[g + j]);
                float f = sigmoid(gates[g + hidden + j]);
                float o = sigmoid(gates[g + 2 * hidden + j]);
                float c = (float) Math.tanh(gates[g + 3 * hidden + j]);
                gates[g + j] = i;
                gates[g + hidden + j] = f;
                gates[g + 2 * hidden + j] = o;
                gates[g + 3 * hidden + j] = c;
                cs[next + j] = f * cs[prev + j] + i * c;
                hs[next + j] = o * (float) Math.tanh(cs[next + j]);
            }
        }
    }

    private double head(int t, int[] y) {
        double loss = 0;
        int pOff = t * batch * vocab;
        for (int r = 0; r < batch; r++) {
            for (int v = 0; v < vocab; v++) {
                probs[pOff + r * vocab + v] = bq[v];
            }
        }
        matmulAcc(hs, (t + 1) * batch * hidden, wq, probs, pOff, batch, hidden, vocab);
        for (int r = 0; r < batch; r++) {
            int p = pOff + r * vocab;
            float max = Float.NEGATIVE_INFINITY;
            for (int v = 0; v < vocab; v++) {
                max = Math.max(max, probs[p + v]);
            }
            double sum = 0;
            for (int v = 0; v < vocab; v++) {
                probs[p + v] = (float) Math.exp(probs[p + v] - max);
                sum += probs[p + v];
            }
            for (int v = 0; v < vocab; v++) {
                probs[p + v] /= (float) sum;
            }
            loss -= Math.log(Math.max(probs[p + y[t * batch + r]], 1e-30f));
        }
        return loss;
    }

    /** Full BPTT of the mean loss into the gradient arrays (overwritten). */
    public void backward(int[] x, int[] y) {
        java.util.Arrays.fill(gwx, 0f);
        java.util.Arrays.fill(gwh, 0f);
        java.util.Arrays.fill(gb, 0f);
        java.util.Arrays.fill(gwq, 0f);
        java.util.Arrays.fill(gbq, 0f);
        java.util.Arrays.fill(dhNext, 0f);
        java.util.Arrays.fill(dc, 0f);
        float inv = 1f / (steps * batch);
        for (int t = steps - 1; t >= 0; t--) {
            headBackward(t, y, inv);
            cellBackward(t);
        }
    }

    private void headBackward(int t, int[] y, float inv) {
        int pOff = t * batch * vocab;
        for (int r = 0; r < batch; r++) {
            for (int v = 0; v < vocab; v++) {
                dlogits[r * vocab + v] = probs[pOff + r * vocab + v] * inv;
            }
            dlogits[r * vocab + y[t * batch + r]] -= inv;
        }
        int hOff = (t + 1) * batch * hidden;
        for (int r = 0; r < batch; r++) {
            for (int j = 0; j < hidden; j++) {
                float hv = hs[hOff + r * hidden + j];
                float acc = dhNext[r * hidden + j];
                for (int v = 0; v < vocab; v++) {
                    float d = dlogits[r * vocab + v];
                    gwq[j * vocab + v] += hv * d;
                    acc += d * wq[j * vocab + v];
                }
                dh[r * hidden + j] = acc;
            }
            for (int v = 0; v < vocab; v++) {
                gbq[v] += dlogits[r * vocab + v];
            }
        }
    }

    private void cellBackward(int t) {
        int g4 = 4 * hidden;
        for (int r = 0; r < batch; r++) {
            int g = t * batch * g4 + r * g4;
            int prev = (t * batch + r) * hidden;
            int next = ((t + 1) * batch + r) * hidden;
            for (int j = 0; j < hidden; j++) {
                float i = gates[g + j];
                float f = gates[g + hidden + j];
                float o = gates[g + 2 * hidden + j];
                float c = gates[g + 3 * hidden + j];
                float tc = (float) Math.tanh(cs[next + j]);
                float dhv = dh[r * hidden + j];
                float dcv = dc[r * hidden + j] + dhv * o * (1 - tc * tc);
                dz[r * g4 + j] = dcv * c * i * (1 - i);
                dz[r * g4 + hidden + j] = dcv * cs[prev + j] * f * (1 - f);
                dz[r * g4 + 2 * hidden + j] = dhv * tc * o * (1 - o);
                dz[r * g4 + 3 * hidden + j] = dcv * i * (1 - c * c);
                dc[r * hidden + j] = dcv * f;
            }
        }
        int xOff = t * batch * vocab;
        int hOff = t * batch * hidden;
        for (int r = 0; r < batch; r++) {
            for (int k = 0; k < vocab; k++) {
                float xv = xs[xOff + r * vocab + k];
                for (int j = 0; j < g4; j++) {
                    gwx[k * g4 + j] += xv * dz[r * g4 + j];
                }
            }
            for (int k = 0; k < hidden; k++) {
                float hv = hs[hOff + r * hidden + k];
                float acc = 0;
                for (int j = 0; j < g4; j++) {
                    gwh[k * g4 + j] += hv * dz[r * g4 + j];
                    acc += dz[r * g4 + j] * wh[k * g4 + j];
                }
                dhNext[r * hidden + k] = acc;
            }
            for (int j = 0; j < g4; j++) {
                gb[j] += dz[r * g4 + j];
            }
        }
    }

    private static void matmulAcc(float[] a, int aOff, float[] w, float[] out, int oOff, int rows, int k, int n) {
        for (int r = 0; r < rows; r++) {
            for (int p = 0; p < k; p++) {
                float av = a[aOff + r * k + p];
                for (int j = 0; j < n; j++) {
                    out[oOff + r * n + j] += av * w[p * n + j];
                }
            }
        }
    }

    private static float sigmoid(float v) {
        return (float) (1.0 / (1.0 + Math.exp(-v)));
    }

    private static double sumSquares(float[] a) {
        double s = 0;
        for (float v : a) {
            s += (double) v * v;
        }
        return s;
    }

    private static void update(float[] p, float[] g, float step) {
        for (int i = 0; i < p.length; i++) {
            p[i] -= step * g[i];
        }
    }

    private static float[] uniform(int n, double bound, SplittableRandom rng) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
        return out;
    }
}
