#!/usr/bin/env python3
"""Writes the PyTorch fixture that PyTorchFixtureTest holds Tensile's convolutional layers to.

A small network on NHWC images, computed by PyTorch in float64 from float32-representable weights and inputs:
conv 3x3 'same' (2 -> 3 channels, bias) -> relu -> batch-norm (per channel, training mode: batch statistics,
momentum 0.1 in PyTorch's sense = 0.9 in Tensile's, eps 1e-3) -> max-pool 2 -> conv 2x2 'valid' (3 -> 4, no bias,
dilation 1) -> relu -> avg-pool 2 (stride 1) -> flatten -> dense 5 -> softmax cross-entropy (mean over the batch).
Flatten takes NHWC order (PyTorch's tensors are permuted to NHWC first), so the dense weights need no reordering.
Stored in Tensile's layouts: conv kernels (kh, kw, in, out) = PyTorch's (out, in, kh, kw).permute(2, 3, 1, 0),
dense weights (in, out) = PyTorch's (out, in).T; inputs NHWC, one image per row.

Usage: /usr/bin/python3 benchmarks/peers/pytorch_conv_fixture.py  (needs Debian's python3-torch)
"""
import json
import os

import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "framework-core", "src", "test", "resources",
                   "dev", "tensile", "nn", "conv", "pytorch-fixture.json")


def f32(t):
    """Rounds to float32 and back, so that Java's float32 copy of the value is exact."""
    return t.float().double()


def main():
    torch.manual_seed(15)
    batch, h, w, cin = 4, 8, 8, 2
    x = f32(torch.randn(batch, h, w, cin)).requires_grad_()
    targets = torch.tensor([0, 3, 1, 4])
    conv1 = torch.nn.Conv2d(cin, 3, 3, padding=1, bias=True).double()
    bn = torch.nn.BatchNorm2d(3, eps=1e-3, momentum=0.1).double()
    conv2 = torch.nn.Conv2d(3, 4, 2, bias=False).double()
    dense = torch.nn.Linear(2 * 2 * 4, 5).double()
    with torch.no_grad():
        for p in [conv1.weight, conv1.bias, conv2.weight, dense.weight, dense.bias]:
            p.copy_(f32(torch.randn_like(p) * 0.5))
        bn.weight.copy_(f32(1 + 0.3 * torch.randn(3)))
        bn.bias.copy_(f32(0.2 * torch.randn(3)))
    bn.train()
    z = conv1(x.permute(0, 3, 1, 2))
    z = bn(torch.relu(z))
    z = torch.nn.functional.max_pool2d(z, 2)
    z = torch.relu(conv2(z))
    z = torch.nn.functional.avg_pool2d(z, 2, stride=1)
    logits = dense(z.permute(0, 2, 3, 1).flatten(1))
    loss = torch.nn.functional.cross_entropy(logits, targets)
    loss.backward()

    def conv_kernel(t):
        return t.detach().permute(2, 3, 1, 0).flatten().tolist()

    fixture = {
        "about": "made by benchmarks/peers/pytorch_conv_fixture.py with PyTorch " + torch.__version__,
        "batch": batch, "height": h, "width": w, "channels": cin, "classes": 5,
        "input": x.detach().flatten().tolist(),
        "targets": targets.tolist(),
        "conv1.kernel": conv_kernel(conv1.weight), "conv1.bias": conv1.bias.detach().tolist(),
        "bn.gamma": bn.weight.detach().tolist(), "bn.beta": bn.bias.detach().tolist(),
        "conv2.kernel": conv_kernel(conv2.weight),
        "dense.weights": dense.weight.detach().t().flatten().tolist(), "dense.bias": dense.bias.detach().tolist(),
        "loss": loss.item(),
        "logits": logits.detach().flatten().tolist(),
        "grad.input": x.grad.flatten().tolist(),
        "grad.conv1.kernel": conv_kernel(conv1.weight.grad), "grad.conv1.bias": conv1.bias.grad.tolist(),
        "grad.bn.gamma": bn.weight.grad.tolist(), "grad.bn.beta": bn.bias.grad.tolist(),
        "grad.conv2.kernel": conv_kernel(conv2.weight.grad),
        "grad.dense.weights": dense.weight.grad.t().flatten().tolist(), "grad.dense.bias": dense.bias.grad.tolist(),
        "bn.runningMean": bn.running_mean.tolist(), "bn.runningVar": bn.running_var.tolist(),
    }
    with open(OUT, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    print("wrote", os.path.normpath(OUT), "loss", loss.item())


if __name__ == "__main__":
    main()
