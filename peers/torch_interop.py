"""The PyTorch side of docs/INTEROP.md: small recurrent models whose weights Unroll imports and whose logits it repeats.

Builds, with a fixed seed and PyTorch's own initialization (so every bias is non-zero), five models of an
nn.Embedding, a two-layer recurrent module and an output nn.Linear over every step: nn.LSTM, nn.GRU, both of them
bidirectional, and a tanh nn.RNN. For each it writes two files:
    <case>.npz        the state dict as model.state_dict() names it (embedding.weight, rnn.weight_ih_l0, ...,
                      rnn.weight_ih_l0_reverse, ..., head.weight, head.bias), float32, plus the vocabulary as the
                      text array 'vocab';
    <case>-check.npz  a batch of input tokens 'tokens' [T, B] (time-major, as nn.LSTM reads them by default), the
                      logits of the model in float32, 'logits' [T, B, V], and of the same weights in float64,
                      'logits64'.
Unroll's TorchInteropTest reads them, imports each state dict and compares its logits with both.

Usage (from the repository root, with a Python that has PyTorch and NumPy):
    python3 peers/torch_interop.py [--out runtime/src/test/resources/dev/unroll/runtime/interop] [--seed 7]
"""
import argparse
import pathlib
import sys

try:
    import numpy as np
    import torch
    from torch import nn
except ImportError:
    print("PyTorch or NumPy is not installed for " + sys.executable + "; skipping the interop fixtures",
          file=sys.stderr)
    sys.exit(0)

FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "runtime/src/test/resources/dev/unroll/runtime/interop"
VOCAB = ["<unk>", " ", "e", "t", "a", "o", "i", "n", "s", "h"]
EMBEDDING, HIDDEN, LAYERS, STEPS, BATCH = 6, 8, 2, 8, 3
CASES = {
    "lstm": (nn.LSTM, False),
    "gru": (nn.GRU, False),
    "lstm-bidirectional": (nn.LSTM, True),
    "gru-bidirectional": (nn.GRU, True),
    "rnn": (nn.RNN, False),
}


class TokenModel(nn.Module):
    def __init__(self, module, bidirectional):
        super().__init__()
        self.embedding = nn.Embedding(len(VOCAB), EMBEDDING)
        self.rnn = module(EMBEDDING, HIDDEN, num_layers=LAYERS, bidirectional=bidirectional)
        self.head = nn.Linear(HIDDEN * (2 if bidirectional else 1), len(VOCAB))

    def forward(self, tokens):
        out, _ = self.rnn(self.embedding(tokens))  # the initial states are zeros
        return self.head(out)


def write_case(out, name, module, bidirectional, seed):
    torch.manual_seed(seed)
    model = TokenModel(module, bidirectional).eval()
    tokens = torch.randint(0, len(VOCAB), (STEPS, BATCH))
    with torch.no_grad():
        logits = model(tokens)
        logits64 = model.double()(tokens)
    state = {k: v.float().numpy() for k, v in model.state_dict().items()}
    np.savez(out / f"{name}.npz", vocab=np.array(VOCAB), **state)
    np.savez(out / f"{name}-check.npz", tokens=tokens.numpy().astype(np.int32), logits=logits.numpy(),
             logits64=logits64.numpy())
    print(f"{name}: {sum(v.size for v in state.values())} weights, logits {tuple(logits.shape)}")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", default=str(FIXTURES))
    p.add_argument("--seed", type=int, default=7)
    a = p.parse_args()
    out = pathlib.Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    print(f"PyTorch {torch.__version__}, NumPy {np.__version__}, seed {a.seed}")
    for i, (name, (module, bidirectional)) in enumerate(CASES.items()):
        write_case(out, name, module, bidirectional, a.seed + i)


if __name__ == "__main__":
    main()
