"""NormScope for notebooks: ``normscope.show(x)`` draws before/after distributions and statistics of a
NumPy array, pandas DataFrame or PyTorch tensor right under the cell.

The output carries NormScope's MIME type (``application/vnd.normscope+json``), rendered by the NormScope
VS Code extension, which computes everything in the output itself, plus a ``text/html`` summary table
and ``text/plain`` so the notebook still reads well in JupyterLab or on GitHub.

Standard library and NumPy only; pandas and torch are used only when the object is one.
"""

import base64
import decimal
import html
import json
import math

import numpy as np

__all__ = ["show", "payload", "bundle", "column_advice", "MIME_TYPE", "MAX_VALUES"]

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


#: The advice rules' thresholds, as the engine's ADVICE_THRESHOLDS (src/engine/advise/advise.ts).
ID_MINIMUM_COUNT = 20
SKEWNESS_LIMIT = 1
OUTLIER_SHARE = 0.05
FENCE_FACTOR = 1.5

#: The engine's English reasons (src/engine/advise/messages.ts), with the same numbers filled in.
_REASONS = {
    "empty": "no values: all {rows} rows are missing",
    "constant": "every value is {min}: a constant carries no information, and scaling it divides by zero",
    "idLike": "{count} distinct integers from {min} to {max}, one per row: a row identifier, not a measurement",
    "binary": "two values only ({low} and {high}): already an indicator, leave it as it is",
    "skewed": "skewness {skewness} (beyond ±1): a Yeo-Johnson power transform makes it near-symmetric, then standardizes it",
    "skewedWithOutliers": "skewness {skewness} (beyond ±1) and {beyondShare} of values beyond the IQR fences "
    "[{lowerFence}, {upperFence}]: a Yeo-Johnson power transform pulls the long tail in, then standardizes it",
    "outliers": "{beyondShare} of values beyond the IQR fences [{lowerFence}, {upperFence}]: min-max would squash "
    "the other {innerShare} into [{squashedLow}, {squashedHigh}]; median and IQR are not pulled by them",
    "zscore": "skewness {skewness} and {beyondShare} beyond the IQR fences: near-symmetric without many outliers, "
    "so standardize to mean 0, standard deviation 1",
    "missing": "{missing} of {rows} values missing ({missingShare}): impute them before a model sees them",
}


def _significant(value, digits=4):
    """The engine's formatSignificant: JavaScript's toPrecision/toExponential (ties away from zero), zeros trimmed."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    exact = decimal.Decimal(abs(float(value)))
    exponent = exact.adjusted()
    rounded = exact.quantize(decimal.Decimal(1).scaleb(exponent - digits + 1), rounding=decimal.ROUND_HALF_UP)
    if rounded.adjusted() > exponent:  # 9.9995 → 10.00: one digit fewer after the point
        exponent = rounded.adjusted()
        rounded = rounded.quantize(decimal.Decimal(1).scaleb(exponent - digits + 1))
    mantissa = f"{rounded.scaleb(-exponent):.{digits - 1}f}"
    magnitude = abs(value)
    exponent_text = f"e{'+' if exponent >= 0 else '-'}{abs(exponent)}"
    if magnitude < 1e-4 or magnitude >= 1e6:
        return sign + _trim_zeros(mantissa) + exponent_text
    if magnitude >= 10**digits:
        return sign + str(int(rounded))
    if exponent >= digits:  # rounded up to 10^digits: toPrecision switches to exponent notation, untrimmed
        return sign + mantissa + exponent_text
    return sign + _trim_zeros(f"{rounded:.{max(0, digits - 1 - exponent)}f}")


def _trim_zeros(text):
    return text.rstrip("0").rstrip(".") if "." in text else text


def _percent(share):
    """The engine's formatPercent."""
    percent = share * 100
    if percent in (0, 100):
        return f"{int(percent)}%"
    return _significant(percent, 3 if percent >= 10 else 2) + "%"


def _quantile(sorted_values, q):
    """NumPy's 'linear' quantile of sorted values, as the engine computes it (np.percentile's _lerp)."""
    h = (len(sorted_values) - 1) * q
    below = math.floor(h)
    above = min(below + 1, len(sorted_values) - 1)
    a, b, t = float(sorted_values[below]), float(sorted_values[above]), h - below
    return b - (b - a) * (1 - t) if t >= 0.5 else a + (b - a) * t


def _skewness(present):
    """SciPy's biased skewness m3 / m2^1.5; NaN for infinities and (near) constant data, as SciPy."""
    if present.size == 0 or not np.all(np.isfinite(present)):
        return math.nan
    mean = float(np.mean(present))
    centred = present - mean
    m2 = float(np.mean(centred**2))
    if not (m2 > (1e-15 * abs(mean)) ** 2 and m2 > 0):
        return math.nan
    return float(np.mean(centred**3)) / m2**1.5


def column_advice(values):
    """Advice for one numeric column, by the engine's rules (src/engine/advise/advise.ts):
    ``{"diagnoses": [...], "method": ..., "reason": ...}``. NaN is missing."""
    values = np.asarray(values, dtype=np.float64).ravel()
    rows = values.size
    ordered = np.sort(values[~np.isnan(values)])
    count = int(ordered.size)
    facts = {"rows": str(rows), "count": str(count), "missing": str(rows - count),
             "missingShare": _percent((rows - count) / rows if rows else 0)}
    if count == 0:
        key, method, diagnoses = "empty", "drop", ["empty"]
    else:
        low, high = float(ordered[0]), float(ordered[-1])
        distinct = np.unique(ordered)
        q1, q3 = _quantile(ordered, 0.25), _quantile(ordered, 0.75)
        lower, upper = q1 - FENCE_FACTOR * (q3 - q1), q3 + FENCE_FACTOR * (q3 - q1)
        inside = ordered[(ordered >= lower) & (ordered <= upper)]
        beyond = count - int(inside.size)
        skewness = _skewness(ordered)
        span = high - low
        inner_low, inner_high = (float(inside[0]), float(inside[-1])) if inside.size else (math.nan, math.nan)
        with np.errstate(all="ignore"):
            squashed = (np.float64(inner_low - low) / span, np.float64(inner_high - low) / span)
        facts.update(
            min=_significant(low), max=_significant(high),
            low=_significant(float(distinct[0]) if distinct.size == 2 else math.nan),
            high=_significant(float(distinct[1]) if distinct.size == 2 else math.nan),
            skewness=_significant(skewness, 3), beyondShare=_percent(beyond / count),
            innerShare=_percent(1 - beyond / count), lowerFence=_significant(lower), upperFence=_significant(upper),
            squashedLow=_significant(float(squashed[0]), 3), squashedHigh=_significant(float(squashed[1]), 3),
        )
        integers = bool(np.all(np.mod(ordered, 1) == 0)) and distinct.size == count
        skewed = abs(skewness) > SKEWNESS_LIMIT
        outliers = beyond / count > OUTLIER_SHARE
        if low == high:
            key, method, diagnoses = "constant", "drop", ["constant"]
        elif integers and count >= ID_MINIMUM_COUNT and high - low + 1 == count:
            key, method, diagnoses = "idLike", "exclude", ["id-like"]
        elif distinct.size == 2:
            key, method, diagnoses = "binary", "none", ["binary"]
        elif skewed and outliers:
            key, method, diagnoses = "skewedWithOutliers", "yeo-johnson", ["skewed", "outliers"]
        elif skewed:
            key, method, diagnoses = "skewed", "yeo-johnson", ["skewed"]
        elif outliers:
            key, method, diagnoses = "outliers", "robust", ["outliers"]
        else:
            key, method, diagnoses = "zscore", "zscore", []
    reasons = [_REASONS[key].format(**facts)]
    if rows > count:
        diagnoses.append("missing")
        reasons.append(_REASONS["missing"].format(**facts))
    return {"diagnoses": diagnoses, "method": method, "reason": "; ".join(reasons)}


def _summary_rows(array, columns, kind):
    """Per-column (table) or whole-array (tensor) count, missing, mean, std, min, max for the fallback,
    and each table column's advice (None for a tensor)."""
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
        rows.append((name, stats, column_advice(values) if kind == "table" else None))
    return rows


def _fallbacks(obj, data):
    array = np.frombuffer(base64.b64decode(data["data"]), dtype="<f4" if data["dtype"] == "float32" else "<f8").reshape(data["shape"])
    rows = _summary_rows(array, data.get("columns"), data["kind"])
    advised = data["kind"] == "table"
    headings = ("column", "count", "missing", "mean", "std (ddof 0)", "min", "max") + (("advice", "why") if advised else ())
    header = "".join(f"<th>{html.escape(h)}</th>" for h in headings)

    def advice_cells(advice):
        if advice is None:
            return ""
        method = advice["method"] + (f" ({', '.join(advice['diagnoses'])})" if advice["diagnoses"] else "")
        return f"<td>{html.escape(method)}</td><td>{html.escape(advice['reason'])}</td>"

    body = "".join(
        "<tr><th>" + html.escape(name) + "</th>" + "".join(f"<td>{v:.6g}</td>" for v in stats) + advice_cells(advice) + "</tr>"
        for name, stats, advice in rows
    )
    note = f"<p>{html.escape(data['note'])}</p>" if data.get("note") else ""
    title = html.escape(str(data["title"]))
    shape = " × ".join(str(n) for n in data["shape"])
    html_text = (
        f"<div><p><b>NormScope</b>: {title} ({shape}) — install the NormScope VS Code extension for the "
        f"interactive before/after view.</p>{note}<table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table></div>"
    )
    plain = f"NormScope: {data['title']} ({shape}), {data['kind']}" + (f"\n{data['note']}" if data.get("note") else "")
    for name, _, advice in rows:
        if advice is not None:
            plain += f"\n{name}: {advice['method']}" + (f" ({', '.join(advice['diagnoses'])})" if advice["diagnoses"] else "") + f" — {advice['reason']}"
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
