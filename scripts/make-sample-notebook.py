"""Writes samples/normalization.ipynb with saved NormScope outputs (no kernel needed to see them).

Run with Debian's python3 and NumPy: /usr/bin/python3 scripts/make-sample-notebook.py
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))
import normscope  # noqa: E402

rng = np.random.default_rng(7)


def code_cell(source, outputs, count):
    return {"cell_type": "code", "execution_count": count, "metadata": {}, "source": source, "outputs": outputs}


def display(bundle):
    return {"output_type": "display_data", "metadata": {}, "data": bundle}


income = np.round(rng.lognormal(mean=10.3, sigma=0.5, size=300), 2)
rooms = rng.integers(1, 7, size=300).astype(np.float64)
table = np.column_stack([income, rooms])
activations = rng.normal(loc=2.0, scale=3.0, size=(4, 3, 5, 5)).astype(np.float32)

cells = [
    {
        "cell_type": "markdown",
        "metadata": {},
        "source": [
            "# NormScope in a notebook\n",
            "\n",
            "Run **NormScope: Add Notebook Helper** once to put `normscope.py` beside this notebook, then\n",
            "`normscope.show(x)` draws the before/after view of any NumPy array, pandas DataFrame or PyTorch tensor.\n",
            "The outputs below were saved, so they render without a kernel.",
        ],
    },
    code_cell(
        [
            "import numpy as np\n",
            "import normscope\n",
            "\n",
            "rng = np.random.default_rng(7)\n",
            "income = np.round(rng.lognormal(mean=10.3, sigma=0.5, size=300), 2)\n",
            "rooms = rng.integers(1, 7, size=300).astype(np.float64)\n",
            "normscope.show(np.column_stack([income, rooms]), method='robust')",
        ],
        [display(normscope.bundle(table, method="robust", title="income, rooms"))],
        1,
    ),
    code_cell(
        [
            "activations = rng.normal(loc=2.0, scale=3.0, size=(4, 3, 5, 5)).astype(np.float32)\n",
            "normscope.show(activations, layer='batchnorm')",
        ],
        [display(normscope.bundle(activations, layer="batchnorm", title="activations [N, C, H, W]"))],
        2,
    ),
]
notebook = {
    "cells": cells,
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}, "language_info": {"name": "python"}},
    "nbformat": 4,
    "nbformat_minor": 4,
}
path = os.path.join(os.path.dirname(__file__), "..", "samples", "normalization.ipynb")
with open(path, "w") as f:
    json.dump(notebook, f, indent=1)
    f.write("\n")
print(f"wrote {os.path.normpath(path)} ({os.path.getsize(path)} bytes)")
