#!/usr/bin/env python3
"""B3 of BENCHMARKS.md with PyTorch, for a side-by-side run with `./tensile bench train --model b3`.

conv 32 3x3 same + ReLU -> max-pool 2 -> conv 64 3x3 same + ReLU -> max-pool 2 -> flatten -> dense 128 ReLU -> dense 10,
softmax cross-entropy; pixels / 255 as float32 28x28x1 images, He-normal weights (fan-in = 3 x 3 x channels), zero
biases, Adam (1e-3, 0.9, 0.999, 1e-8), minibatch 128, reshuffled every epoch (the same data-order rules as B2).
Prints one line per epoch in the form `./tensile bench train` prints; with --profile, also the share of the
epoch's time per operator kind (conv forward, input gradient, weight gradient, pooling, rest) from the autograd
profiler (which slows the run: time and share runs separately).
Usage: pytorch_b3.py THREADS EPOCHS [DATA_DIR] [--profile]   (needs Debian's python3-torch: /usr/bin/python3)
"""
import sys
import time

import torch

import fashion_mnist


def network():
    net = torch.nn.Sequential(
        torch.nn.Conv2d(1, 32, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(32, 64, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(64 * 7 * 7, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
    for m in net:
        if isinstance(m, (torch.nn.Conv2d, torch.nn.Linear)):
            torch.nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
            torch.nn.init.zeros_(m.bias)
    return net


def shares(prof):
    """Self CPU time per operator kind, as fractions of the total."""
    kinds = {"conv forward": 0.0, "conv input gradient": 0.0, "conv weight gradient": 0.0, "pooling": 0.0, "rest": 0.0}
    total = 0.0
    for e in prof.key_averages():
        t = e.self_cpu_time_total
        total += t
        name = e.key
        if "convolution_backward" in name or "ConvolutionBackward" in name:
            # one op computes both gradients in PyTorch 1.13: split by their FLOPs (equal for these shapes)
            kinds["conv input gradient"] += t / 2
            kinds["conv weight gradient"] += t / 2
        elif "conv" in name or "mkldnn_convolution" in name:
            kinds["conv forward"] += t
        elif "pool" in name:
            kinds["pooling"] += t
        else:
            kinds["rest"] += t
    return " ".join(f"{k.replace(' ', '_')}={v / total:.3f}" for k, v in kinds.items())


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    profile = "--profile" in sys.argv
    threads, epochs = int(args[0]), int(args[1])
    root = args[2] if len(args) > 2 else fashion_mnist.DEFAULT_ROOT
    batch = 128
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    x, y, xt, yt = fashion_mnist.load(root, (1, 28, 28))
    net = network()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    loss_fn = torch.nn.CrossEntropyLoss()
    n = x.shape[0]
    for epoch in range(1, epochs + 1):
        prof = torch.autograd.profiler.profile() if profile and epoch == 2 else None
        if prof:
            prof.__enter__()
        start = time.perf_counter()
        net.train()
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
        if prof:
            prof.__exit__(None, None, None)
        net.eval()
        with torch.no_grad():
            acc = sum((net(xt[i:i + 1000]).argmax(1) == yt[i:i + 1000]).sum().item()
                      for i in range(0, xt.shape[0], 1000)) / xt.shape[0]
        print(f"bench train model=b3 threads={threads} epoch={epoch} seconds={seconds:.2f} "
              f"samples/s={n / seconds:.0f} train_loss={total / n:.4f} test_accuracy={acc:.4f} (pytorch {torch.__version__})"
              + (" " + shares(prof) if prof else ""), flush=True)


if __name__ == "__main__":
    main()
