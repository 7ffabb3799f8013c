#!/usr/bin/env python3
"""B2 of BENCHMARKS.md with PyTorch, for a side-by-side run with `./tensile bench train`.

Same network, data scaling (pixels / 255 as float32), He-normal weights, zero biases, Adam (1e-3, 0.9, 0.999, 1e-8),
reshuffled minibatches. Prints one line per epoch in the form `./tensile bench train` prints.
Usage: pytorch_b2.py b2a|b2b THREADS EPOCHS [DATA_DIR]   (needs Debian's python3-torch)
"""
import sys
import time

import torch

import fashion_mnist


def main():
    model, threads, epochs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    root = sys.argv[4] if len(sys.argv) > 4 else fashion_mnist.DEFAULT_ROOT
    hidden, batch = {"b2a": (256, 128), "b2b": (1024, 256)}[model]
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    x, y, xt, yt = fashion_mnist.load(root, (784,))
    net = torch.nn.Sequential(torch.nn.Linear(784, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, hidden),
                              torch.nn.ReLU(), torch.nn.Linear(hidden, 10))
    for m in net:
        if isinstance(m, torch.nn.Linear):
            torch.nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
            torch.nn.init.zeros_(m.bias)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    loss_fn = torch.nn.CrossEntropyLoss()
    n = x.shape[0]
    for epoch in range(1, epochs + 1):
        start = time.perf_counter()
        order = torch.randperm(n)
        total = 0.0
        for i in range(0, n, batch):
            idx_b = order[i:i + batch]
            opt.zero_grad()
            loss = loss_fn(net(x[idx_b]), y[idx_b])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx_b)
        seconds = time.perf_counter() - start
        with torch.no_grad():
            acc = (net(xt).argmax(1) == yt).float().mean().item()
        print(f"bench train model={model} threads={threads} epoch={epoch} seconds={seconds:.2f} "
              f"samples/s={n / seconds:.0f} train_loss={total / n:.4f} test_accuracy={acc:.4f} (pytorch {torch.__version__})",
              flush=True)


if __name__ == "__main__":
    main()
