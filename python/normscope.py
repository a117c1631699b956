"""NormScope for notebooks: ``normscope.show(x)`` draws before/after distributions and statistics of a
NumPy array, pandas DataFrame or PyTorch tensor right under the cell.

The output carries NormScope's MIME type (``application/vnd.normscope+json``), rendered by the NormScope
VS Code extension, which computes everything in the output itself, plus a ``text/html`` summary table
and ``text/plain`` so the notebook still reads well in JupyterLab or on GitHub.

Standard library and NumPy only; pandas and torch are used only when the object is one.
"""

import base64
import html
import json
import math

import numpy as np

__all__ = ["show", "payload", "MIME_TYPE", "MAX_VALUES"]

MIME_TYPE = "application/vnd.normscope+json"
VERSION = 1
#: Larger inputs are sampled down to this many values (a uniform sample of rows), with a visible note.
MAX_VALUES = 5_000_000
METHODS = ("none", "minmax", "zscore", "scale", "robust", "maxabs", "l1", "l2", "max", "quantile", "yeo-johnson")
LAYERS = ("batchnorm", "layernorm", "instancenorm", "groupnorm")
OPTION_NAMES = {
    "feature_range": "featureRange", "clip": "clip", "with_mean": "withMean", "with_std": "withStd",
    "divisor": "divisor", "quantile_range": "quantileRange", "unit_variance": "unitVariance",
    "n_quantiles": "nQuantiles", "output_distribution": "outputDistribution", "standardize": "standardize",
}


def _to_array(obj):
    """The values as a float array, with column names for tables and the kind of object."""
    module = type(obj).__module__.split(".")[0]
    if module == "pandas":
        frame = obj.to_frame() if obj.ndim == 1 else obj
        numeric = frame.select_dtypes(include="number")
        return numeric.to_numpy(dtype=np.float64, na_value=np.nan), [str(c) for c in numeric.columns], "table"
    if module == "torch":
        obj = obj.detach().cpu().numpy()
    array = np.asarray(obj)
    if array.dtype.kind not in "biuf":
        raise TypeError(f"normscope.show: expected numbers, got an array of dtype {array.dtype}")
    dtype = np.float32 if array.dtype == np.float32 else np.float64
    return array.astype(dtype, copy=False), None, "table" if array.ndim <= 2 else "tensor"


def _sample_rows(array, rng_seed=0):
    """A uniform sample of rows (axis 0) so that at most MAX_VALUES values remain; the note says so."""
    if array.size <= MAX_VALUES or array.ndim == 0:
        return array, None
    per_row = max(1, array.size // max(1, array.shape[0]))
    keep = max(1, MAX_VALUES // per_row)
    rows = np.sort(np.random.default_rng(rng_seed).choice(array.shape[0], size=keep, replace=False))
    note = f"Sampled {keep:,} of {array.shape[0]:,} rows uniformly (at most {MAX_VALUES:,} values are sent)."
    return array[rows], note


def payload(obj, method="zscore", axis=None, layer=None, title=None, bins=30, **options):
    """The JSON payload NormScope renders (see show())."""
    array, columns, kind = _to_array(obj)
    if method not in METHODS:
        raise ValueError(f"normscope.show: method {method!r} is not one of {', '.join(METHODS)}")
    if layer is not None and layer not in LAYERS:
        raise ValueError(f"normscope.show: layer {layer!r} is not one of {', '.join(LAYERS)}")
    if layer is not None and array.ndim < 2:
        raise ValueError("normscope.show: a layer view needs at least 2 axes")
    if layer is not None or axis is not None:
        kind = "tensor" if array.ndim >= 2 else kind
    array, note = _sample_rows(array)
    if kind == "table" and array.ndim == 1:
        array = array.reshape(-1, 1)
    little_endian = np.ascontiguousarray(array, dtype=array.dtype.newbyteorder("<"))
    request = {"bins": int(bins)}
    if kind == "table":
        request["method"] = method
        request["options"] = {OPTION_NAMES.get(k, k): (list(v) if isinstance(v, tuple) else v) for k, v in options.items()}
    else:
        if method == "none":
            request["method"] = "none"
        if layer is not None:
            request["layer"] = layer
        if axis is not None:
            axes = [axis] if isinstance(axis, int) else list(axis)
            request["axes"] = sorted(a % array.ndim for a in axes)
        if "groups" in options:
            request["groups"] = int(options["groups"])
    result = {
        "version": VERSION,
        "kind": kind,
        "title": title or type(obj).__name__,
        "shape": [int(n) for n in array.shape],
        "dtype": "float32" if array.dtype == np.float32 else "float64",
        "data": base64.b64encode(little_endian.tobytes()).decode("ascii"),
        "request": request,
    }
    if columns is not None:
        result["columns"] = columns
    if note:
        result["note"] = note
    return result


def _summary_rows(array, columns, kind):
    """Per-column (table) or whole-array (tensor) count, missing, mean, std, min, max for the fallback."""
    if kind == "table":
        table = array.reshape(array.shape[0], -1) if array.ndim > 1 else array.reshape(-1, 1)
        names = columns or [str(j) for j in range(table.shape[1])]
        groups = [(names[j], table[:, j]) for j in range(table.shape[1])]
    else:
        groups = [("all values", array.ravel())]
    rows = []
    for name, values in groups:
        finite = values[~np.isnan(values)]
        stats = [
            int(finite.size), int(values.size - finite.size),
            *(float(f(finite)) if finite.size else math.nan for f in (np.mean, np.std, np.min, np.max)),
        ]
        rows.append((name, stats))
    return rows


def _fallbacks(obj, data):
    array = np.frombuffer(base64.b64decode(data["data"]), dtype="<f4" if data["dtype"] == "float32" else "<f8").reshape(data["shape"])
    rows = _summary_rows(array, data.get("columns"), data["kind"])
    header = "".join(f"<th>{h}</th>" for h in ("column", "count", "missing", "mean", "std (ddof 0)", "min", "max"))
    body = "".join(
        "<tr><th>" + html.escape(name) + "</th>" + "".join(f"<td>{v:.6g}</td>" for v in stats) + "</tr>" for name, stats in rows
    )
    note = f"<p>{html.escape(data['note'])}</p>" if data.get("note") else ""
    title = html.escape(str(data["title"]))
    shape = " × ".join(str(n) for n in data["shape"])
    html_text = (
        f"<div><p><b>NormScope</b>: {title} ({shape}) — install the NormScope VS Code extension for the "
        f"interactive before/after view.</p>{note}<table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table></div>"
    )
    plain = f"NormScope: {data['title']} ({shape}), {data['kind']}" + (f"\n{data['note']}" if data.get("note") else "")
    return {"text/html": html_text, "text/plain": plain}


def bundle(obj, **kwargs):
    """The display bundle: our MIME type first, then the HTML and plain-text fallbacks."""
    data = payload(obj, **kwargs)
    return {MIME_TYPE: data, **_fallbacks(obj, data)}


def show(obj, method="zscore", axis=None, layer=None, **options):
    """Display the before/after normalization view of ``obj`` under the cell.

    ``method``: one of minmax, zscore, scale, robust, maxabs, l1, l2, max, quantile, yeo-johnson, or "none"
    for statistics only; scikit-learn's option names work (``feature_range=(-1, 1)``, ``n_quantiles=100``).
    ``layer="batchnorm"`` shows the BatchNorm view of an [N, C, H, W] tensor (``"layernorm"``, ``"instancenorm"``,
    ``"groupnorm"`` with ``groups=G`` likewise); ``axis`` lists the axes to reduce over instead.
    """
    from IPython.display import display  # only inside a notebook

    display(bundle(obj, method=method, axis=axis, layer=layer, **options), raw=True)
