"""Fashion-MNIST as the B2 and B3 peers read it (BENCHMARKS.md): the four idx files, pixels / 255 as float32.

One module so that pytorch_b2.py and pytorch_b3.py cannot drift apart in how they read, scale or order the data.
"""
import gzip
import struct

import numpy as np
import torch

DEFAULT_ROOT = "/usr/share/datasets/fashion-mnist"


def idx(path):
    """An idx file (gzip) as a uint8 array of the shape its header states."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(root=DEFAULT_ROOT, shape=(784,)):
    """(x, y, x_test, y_test) as torch tensors: images reshaped to (-1, *shape), pixels / 255, labels int64."""
    def images(name):
        return torch.from_numpy(idx(f"{root}/{name}").reshape(-1, *shape).astype(np.float32) / 255)

    def labels(name):
        return torch.from_numpy(idx(f"{root}/{name}").astype(np.int64))

    return (images("train-images-idx3-ubyte.gz"), labels("train-labels-idx1-ubyte.gz"),
            images("t10k-images-idx3-ubyte.gz"), labels("t10k-labels-idx1-ubyte.gz"))
