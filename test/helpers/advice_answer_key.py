"""The advice rules computed independently with pandas, NumPy and SciPy: the answer key for `advise`.

Usage: python3 advice_answer_key.py <file.csv> <header: 0|1> <delimiter>
Prints {"columns": [{"name", "kind", "diagnoses", "method"}]} in file order.
"""
import json
import sys

import numpy as np
import pandas as pd
from scipy import stats


def advice(values):
    present = values[~np.isnan(values)]
    missing = len(values) - len(present)
    diagnoses = []
    if len(present) == 0:
        method, diagnoses = "drop", ["empty"]
    elif present.min() == present.max():
        method, diagnoses = "drop", ["constant"]
    elif (
        np.all(np.mod(present, 1) == 0)
        and len(np.unique(present)) == len(present)
        and len(present) >= 20
        and present.max() - present.min() + 1 == len(present)
    ):
        method, diagnoses = "exclude", ["id-like"]
    elif len(np.unique(present)) == 2:
        method, diagnoses = "none", ["binary"]
    else:
        skewed = abs(stats.skew(present, bias=True)) > 1
        q1, q3 = np.percentile(present, [25, 75], method="linear")
        iqr = q3 - q1
        beyond = np.count_nonzero((present < q1 - 1.5 * iqr) | (present > q3 + 1.5 * iqr))
        outliers = beyond / len(present) > 0.05
        diagnoses = (["skewed"] if skewed else []) + (["outliers"] if outliers else [])
        method = "yeo-johnson" if skewed else "robust" if outliers else "zscore"
    if missing:
        diagnoses.append("missing")
    return method, diagnoses


def main():
    path, header, delimiter = sys.argv[1], sys.argv[2] == "1", sys.argv[3]
    frame = pd.read_csv(path, sep=delimiter, header=0 if header else None)
    columns = []
    for name in frame.columns:
        column = frame[name]
        if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
            method, diagnoses = advice(column.to_numpy(dtype=np.float64))
            columns.append({"name": str(name), "kind": "numeric", "diagnoses": diagnoses, "method": method})
        else:
            columns.append({"name": str(name), "kind": "text", "diagnoses": [], "method": "none"})
    print(json.dumps({"columns": columns}))


if __name__ == "__main__":
    main()
