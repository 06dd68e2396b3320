"""The reference run of docs/TRAINING.md in PyTorch: a one-layer nn.LSTM language model on The Time Machine.

The same settings as `./unroll train` with no arguments: the lecture's preprocessing (every run of non-letters
becomes one space, letters lower-cased), character tokens, the first 90 % of the tokens for training and the last
10 % for validation, one-hot inputs, H = 256, T = 35, B = 32, random sampling as d2l's seq_data_iter_random (a fresh
zero state for every minibatch), the loss averaged over all T·B positions, SGD with learning rate 1, clipping by
global norm θ = 1, 30 epochs. Validation perplexity uses sequential minibatches over the held-out tokens, the state
carried from one minibatch to the next, as Unroll's trainer does.

Usage (from the repository root, with a Python that has PyTorch):
    python3 peers/timemachine_lstm.py [--epochs 30] [--threads 2] [--seed 1] [--text FILE]
Without --text it reads the copy of the novel that ships with Unroll. It prints one line per epoch in the format of
`unroll train`.
"""
import argparse
import math
import pathlib
import random
import re
import sys
import time
from collections import Counter

try:
    import torch
    from torch import nn
except ImportError:
    print("PyTorch is not installed for " + sys.executable + "; skipping the reference run", file=sys.stderr)
    sys.exit(0)

SHIPPED = pathlib.Path(__file__).resolve().parent.parent / "runtime/src/main/resources/dev/unroll/runtime/text/timemachine.txt"


def tokens_of(path):
    text = pathlib.Path(path).read_text(encoding="utf-8").strip()
    start = re.search(r"^\*\*\* START OF TH[EI]S? PROJECT GUTENBERG EBOOK.*$", text, re.M | re.I)
    end = re.search(r"^\*\*\* END OF TH[EI]S? PROJECT GUTENBERG EBOOK", text, re.M | re.I)
    if start and end:
        text = text[start.end():end.start()].strip()
    return list(re.sub("[^A-Za-z]+", " ", text).lower())


def vocabulary(tokens):
    counts = Counter(tokens)
    ordered = ["<unk>"] + sorted(counts, key=lambda t: (-counts[t], t))
    return {t: i for i, t in enumerate(ordered)}


def random_batches(ids, batch, steps, rng):
    offset = rng.randrange(steps)
    starts = list(range(offset, len(ids) - 1 - steps + 1, steps))[: (len(ids) - offset - 1) // steps]
    rng.shuffle(starts)
    for i in range(len(starts) // batch):
        chunk = starts[i * batch:(i + 1) * batch]
        x = torch.tensor([ids[s:s + steps] for s in chunk])
        y = torch.tensor([ids[s + 1:s + steps + 1] for s in chunk])
        yield x.T.contiguous(), y.T.contiguous()  # time-major [T, B]


def sequential_batches(ids, batch, steps):
    row = (len(ids) - 1) // batch
    xs = torch.tensor(ids[:row * batch]).reshape(batch, row)
    ys = torch.tensor(ids[1:row * batch + 1]).reshape(batch, row)
    for i in range(row // steps):
        yield xs[:, i * steps:(i + 1) * steps].T.contiguous(), ys[:, i * steps:(i + 1) * steps].T.contiguous()


class LanguageModel(nn.Module):
    def __init__(self, vocab, hidden):
        super().__init__()
        self.vocab = vocab
        self.rnn = nn.LSTM(vocab, hidden)
        self.head = nn.Linear(hidden, vocab)

    def forward(self, x, state=None):
        out, state = self.rnn(nn.functional.one_hot(x, self.vocab).float(), state)
        return self.head(out), state


def xavier_like_unroll(model):
    """Unroll's initialization: each gate's [H x in] block Xavier-uniform on its own, every bias zero."""
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.startswith("rnn.weight"):
                for block in p.chunk(4, dim=0):
                    nn.init.xavier_uniform_(block)
            elif name == "head.weight":
                nn.init.xavier_uniform_(p)
            else:
                nn.init.zeros_(p)


def validation_perplexity(model, ids, batch, steps):
    loss, count, state = 0.0, 0, None
    with torch.no_grad():
        for x, y in sequential_batches(ids, batch, steps):
            logits, state = model(x, state)
            loss += nn.functional.cross_entropy(logits.reshape(-1, model.vocab), y.reshape(-1)).item()
            count += 1
    return math.exp(loss / count)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--text", default=str(SHIPPED))
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--hidden", type=int, default=256)
    p.add_argument("--steps", type=int, default=35)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=1.0)
    p.add_argument("--clip", type=float, default=1.0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--init", choices=["torch", "xavier"], default="torch",
                   help="torch: PyTorch's defaults; xavier: Unroll's (Xavier-uniform per gate block, zero biases)")
    a = p.parse_args()
    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)
    rng = random.Random(a.seed)
    tokens = tokens_of(a.text)
    vocab = vocabulary(tokens)
    ids = [vocab[t] for t in tokens]
    held = int(len(ids) * 0.1)
    train, valid = ids[:len(ids) - held], ids[len(ids) - held:]
    print(f"corpus {pathlib.Path(a.text).name}: {len(train)} training and {len(valid)} validation tokens,"
          f" vocabulary {len(vocab)}")
    print(f"PyTorch {torch.__version__}, nn.LSTM, {a.hidden} hidden, {torch.get_num_threads()} threads,"
          f" {a.init} initialization, seed {a.seed}")
    model = LanguageModel(len(vocab), a.hidden)
    if a.init == "xavier":
        xavier_like_unroll(model)
    optimizer = torch.optim.SGD(model.parameters(), lr=a.lr)
    for epoch in range(1, a.epochs + 1):
        start, loss_sum, batches = time.perf_counter(), 0.0, 0
        for x, y in random_batches(train, a.batch, a.steps, rng):
            logits, _ = model(x)
            loss = nn.functional.cross_entropy(logits.reshape(-1, len(vocab)), y.reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            if a.clip > 0:
                nn.utils.clip_grad_norm_(model.parameters(), a.clip)
            optimizer.step()
            loss_sum += loss.item()
            batches += 1
        seconds = time.perf_counter() - start
        valid_ppl = validation_perplexity(model, valid, a.batch, a.steps)
        print(f"epoch {epoch}  perplexity {math.exp(loss_sum / batches):.3f}  validation perplexity {valid_ppl:.3f}"
              f"  {batches * a.batch * a.steps / seconds:.0f} tokens/s  ({seconds:.1f} s)", flush=True)


if __name__ == "__main__":
    main()
