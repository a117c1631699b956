"""Array literals to try NormScope's "Normalize Selection" on: select one, right-click."""
import numpy as np
import torch

# Two features on very different scales (rooms, price in euros).
features = (
    [[3.0, 185000.0], [2.0, 99000.0], [4.0, 310000.0], [1.0, 62000.0], [3.0, 149000.0]]
)

# A NumPy repr pasted from a notebook.
pixels = np.array([[  0., 128., 255.],
                   [ 51.,  17., 204.]], dtype=np.float32)

# A PyTorch repr: a batch of 2 samples, 3 channels, 2 × 2 positions.
activations = torch.tensor([[[[0.5, 1.5], [2.5, 3.5]], [[1.0, 1.0], [2.0, 9.0]], [[0.1, 0.2], [0.3, 0.4]]],
                            [[[4.5, 0.5], [1.5, 2.5]], [[3.0, 3.0], [4.0, 1.0]], [[0.9, 0.8], [0.7, 0.6]]]])
