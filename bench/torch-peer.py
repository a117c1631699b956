"""PyTorch on one thread, the same five norms as bench/layers.ts on x = [32, 64, 56, 56] float32.

Run by bench/layers.ts (with the names of the norms to time, default all) when Debian's python3-torch is installed (apt-get install python3-torch; not
needed by the tests). Median of 7 after 3 warm-ups, no autograd; prints {"version", "norms": {name: ms}}
and the fastest and slowest run of each ("spread": {name: [min, max]}).
"""
import json
import sys
import time

import torch

torch.set_num_threads(1)
x = torch.rand(32, 64, 56, 56) * 4 - 2

batch_norm = torch.nn.BatchNorm2d(64, affine=False).train()
layer_norm = torch.nn.LayerNorm([64, 56, 56], elementwise_affine=False)
group_norm = torch.nn.GroupNorm(32, 64, affine=False)
instance_norm = torch.nn.InstanceNorm2d(64)
norms = {
    "batchnorm train": lambda: batch_norm(x),
    "layernorm over C,H,W": lambda: layer_norm(x),
    # torch 1.13 has no nn.RMSNorm (2.4+): the composite its users write
    "rmsnorm over C,H,W": lambda: x * torch.rsqrt(x.pow(2).mean((1, 2, 3), keepdim=True) + 1e-6),
    "groupnorm(32)": lambda: group_norm(x),
    "instancenorm": lambda: instance_norm(x),
}


def times_ms(run, warmups=3, runs=7):
    for _ in range(warmups):
        run()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1e3)
    return sorted(times)


chosen = sys.argv[1:] or list(norms)
with torch.no_grad():
    measured = {name: times_ms(norms[name]) for name in chosen}
print(
    json.dumps(
        {
            "version": torch.__version__,
            "norms": {name: times[len(times) // 2] for name, times in measured.items()},
            "spread": {name: [times[0], times[-1]] for name, times in measured.items()},
        }
    )
)
