"""The workload of Unroll's bench module in PyTorch and NumPy, for side-by-side ratios.

A training step of the character-level language model of bench's TrainStepBenchmark and TrainerBenchmark: vocabulary
V = 28 one-hot, T = 35, one recurrent layer of H units, a dense head at every step, the cross-entropy averaged over
all T·B positions, full BPTT, clipping by global norm θ = 1 and an SGD update (lr 0.1), on random tokens. The cells:
  lstm, gru    PyTorch's fused nn.LSTM / nn.GRU (oneDNN in float32), what a PyTorch user gets;
  scripted     bench's custom cell (write, keep and read gates, a ReLU candidate, a memory: the LSTM's op count)
               written as a user would in PyTorch and compiled with TorchScript, the gate products merged;
  scripted-lstm the LSTM cell written and scripted the same way.
And the matrix products alone: numpy.matmul (OpenBLAS) on given shapes and layouts.

Usage (from the repository root, with a Python that has PyTorch and NumPy):
    python3 peers/train_step.py --cell lstm --hidden 256 --batch 32 --threads 2 --seconds 5
    python3 peers/train_step.py --serve
--serve reads one request per line on standard input and answers each with one line, for
dev.unroll.bench.PeerTable, which interleaves these rows with Unroll's:
    info                                   -> the versions, the CPU capability and the BLAS
    train CELL H B DTYPE THREADS SECONDS   -> tokens/s of training steps run for SECONDS
    gemm LAYOUT M K N DTYPE SECONDS        -> GFLOP/s of one product C[m×n] (layout nn: A·B, nt: A·Bᵀ, tn: Aᵀ·B)
For single-threaded OpenBLAS set OPENBLAS_NUM_THREADS=1 before the start (the driver does).
Without PyTorch it says so on stderr and exits 0; in --serve mode it answers "unavailable REASON" instead.
"""
import argparse
import sys
import time

VOCAB = 28
STEPS = 35
LEARNING_RATE = 0.1
CLIP = 1.0

try:
    import numpy as np
    import torch
    from torch import nn
except ImportError as e:
    reason = f"{e} (Python {sys.executable})"
    if "--serve" in sys.argv:
        for request in sys.stdin:
            print("unavailable " + reason, flush=True)
    else:
        print("PyTorch or NumPy is not installed: " + reason + "; skipping", file=sys.stderr)
    sys.exit(0)


def dtype_of(name):
    return {"float32": torch.float32, "float64": torch.float64}[name]


@torch.jit.script
def scripted_loop(projected: torch.Tensor, w_h: torch.Tensor, relu: bool) -> torch.Tensor:
    """The loop over time of the scripted cells; projected holds every step's input products [T, B, 4H]."""
    h = torch.zeros(projected.size(1), w_h.size(0), dtype=projected.dtype)
    m = torch.zeros(projected.size(1), w_h.size(0), dtype=projected.dtype)
    outs = []
    for t in range(projected.size(0)):
        gates = projected[t] + torch.mm(h, w_h)
        write, keep, read, update = gates.chunk(4, 1)
        candidate = torch.relu(update) if relu else torch.tanh(update)
        m = torch.sigmoid(keep) * m + torch.sigmoid(write) * candidate
        h = torch.sigmoid(read) * torch.tanh(m)
        outs.append(h)
    return torch.stack(outs)


class ScriptedCell(nn.Module):
    """A recurrent layer written as a PyTorch user would, the gate products merged, the loop scripted."""

    def __init__(self, inputs, hidden, relu):
        super().__init__()
        self.relu = relu
        self.w_x = nn.Parameter(torch.empty(inputs, 4 * hidden))
        self.w_h = nn.Parameter(torch.empty(hidden, 4 * hidden))
        self.bias = nn.Parameter(torch.zeros(4 * hidden))
        nn.init.xavier_uniform_(self.w_x)
        nn.init.xavier_uniform_(self.w_h)

    def forward(self, x):
        return scripted_loop(torch.matmul(x, self.w_x) + self.bias, self.w_h, self.relu)


class LanguageModel(nn.Module):
    def __init__(self, cell, hidden):
        super().__init__()
        self.fused = cell in ("lstm", "gru")
        if cell == "lstm":
            self.rnn = nn.LSTM(VOCAB, hidden)
        elif cell == "gru":
            self.rnn = nn.GRU(VOCAB, hidden)
        elif cell in ("scripted", "scripted-lstm"):
            self.rnn = ScriptedCell(VOCAB, hidden, cell == "scripted")
        else:
            raise ValueError(f"cell must be lstm, gru, scripted or scripted-lstm, got {cell}")
        self.head = nn.Linear(hidden, VOCAB)

    def forward(self, x):
        out = self.rnn(x)
        return self.head(out[0] if self.fused else out)


class TrainStep:
    """One model with its optimizer and a few random minibatches, stepped as bench's TrainStepBenchmark does."""

    def __init__(self, cell, hidden, batch, dtype):
        torch.manual_seed(1)
        self.batch = batch
        self.dtype = dtype_of(dtype)
        self.model = LanguageModel(cell, hidden).to(self.dtype)
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=LEARNING_RATE)
        tokens = torch.randint(0, VOCAB, (8, STEPS + 1, batch))
        self.batches = [(nn.functional.one_hot(s[:-1], VOCAB).to(self.dtype), s[1:].reshape(-1)) for s in tokens]
        self.next = 0

    def step(self):
        x, y = self.batches[self.next]
        self.next = (self.next + 1) % len(self.batches)
        logits = self.model(x)
        loss = nn.functional.cross_entropy(logits.reshape(-1, VOCAB), y)
        self.optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(self.model.parameters(), CLIP)
        self.optimizer.step()
        return loss.item()

    def tokens_per_second(self, seconds):
        start, steps = time.perf_counter(), 0
        while True:
            self.step()
            steps += 1
            elapsed = time.perf_counter() - start
            if elapsed >= seconds:
                return steps * self.batch * STEPS / elapsed


def operands(layout, m, k, n, dtype):
    """A, B and the product's function for C[m×n] in the given layout, the transposes as views (no copy)."""
    rng = np.random.default_rng(1)
    a = rng.uniform(-1, 1, (k, m) if layout == "tn" else (m, k)).astype(dtype)
    b = rng.uniform(-1, 1, (n, k) if layout == "nt" else (k, n)).astype(dtype)
    c = np.empty((m, n), dtype=dtype)
    if layout == "nn":
        return lambda: np.matmul(a, b, out=c)
    if layout == "nt":
        return lambda: np.matmul(a, b.T, out=c)
    if layout == "tn":
        return lambda: np.matmul(a.T, b, out=c)
    raise ValueError(f"layout must be nn, nt or tn, got {layout}")


def gflops(layout, m, k, n, dtype, seconds):
    product = operands(layout, m, k, n, dtype)
    start, count = time.perf_counter(), 0
    while True:
        product()
        count += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return 2.0 * m * k * n * count / elapsed / 1e9


def info():
    blas = "unknown BLAS"
    try:
        config = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        blas = f"{config.get('name')} {config.get('version')}"
    except Exception:  # older NumPy has no mode="dicts"; the name is a courtesy, not a measurement
        pass
    capability = torch.backends.cpu.get_cpu_capability() if hasattr(torch.backends, "cpu") else "?"
    return (f"PyTorch {torch.__version__} (CPU capability {capability}, oneDNN"
            f" {'on' if torch.backends.mkldnn.is_available() else 'off'}), NumPy {np.__version__} on {blas}")


def serve():
    """Answers requests from standard input, one line each, keeping every model between requests."""
    torch.set_num_interop_threads(1)
    models = {}
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "info":
            print(info(), flush=True)
        elif words[0] == "train":
            cell, hidden, batch, dtype, threads, seconds = words[1:]
            torch.set_num_threads(int(threads))
            key = (cell, hidden, batch, dtype)
            if key not in models:
                models[key] = TrainStep(cell, int(hidden), int(batch), dtype)
            print(f"{models[key].tokens_per_second(float(seconds)):.1f}", flush=True)
        elif words[0] == "gemm":
            layout, m, k, n, dtype, seconds = words[1:]
            print(f"{gflops(layout, int(m), int(k), int(n), dtype, float(seconds)):.3f}", flush=True)
        else:
            print(f"error: requests are info, train or gemm, got {words[0]}", flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--serve", action="store_true", help="answer requests on standard input (see above)")
    p.add_argument("--cell", default="lstm", choices=["lstm", "gru", "scripted", "scripted-lstm"])
    p.add_argument("--hidden", type=int, default=256)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--dtype", default="float32", choices=["float32", "float64"])
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seconds", type=float, default=5.0)
    a = p.parse_args()
    if a.serve:
        serve()
        return
    torch.set_num_threads(a.threads)
    step = TrainStep(a.cell, a.hidden, a.batch, a.dtype)
    step.tokens_per_second(a.seconds / 2)  # warm-up: TorchScript's profiling runs, the allocator
    print(f"{info()}; {a.cell} H={a.hidden} B={a.batch} {a.dtype}, {torch.get_num_threads()} threads:"
          f" {step.tokens_per_second(a.seconds):,.0f} tokens/s")


if __name__ == "__main__":
    main()
