/**
 * The fitted transform as code a user pastes into their project, with the fitted numbers written out
 * (printed so they read back exactly): scikit-learn (the estimator with its fitted attributes set),
 * NumPy, PyTorch and Keras. Affine methods (min-max, z-score, robust, max-abs, divisor) become
 * y = x·a + b per feature in every language; the others are given where the language can express them.
 * SQL, PySpark and dbt come from export/ (the same operations as the engine's transform).
 */
import type { ScalerJSON, ScalingMethod } from '../scale/scaler';
import { SQL_DIALECTS, type SqlDialect } from '../export/dialects';
import {
  exportDbt,
  exportPyspark,
  exportSql,
  header as codeHeader,
  type CodeTarget,
} from '../export/targets';

export type SnippetLanguage = CodeTarget;

type State = Record<string, unknown>;

const list = (values: unknown): string => `[${(values as number[]).map(pythonNumber).join(', ')}]`;

function pythonNumber(v: number): string {
  if (Number.isNaN(v)) return "float('nan')";
  if (!Number.isFinite(v)) return v > 0 ? "float('inf')" : "float('-inf')";
  return String(v);
}

/** y = x·a + b per feature, for the affine methods; undefined otherwise. */
export function affineForm(json: ScalerJSON): { a: number[]; b: number[] } | undefined {
  const s = json.state as State;
  const o = json.options as State;
  const arr = (key: string) => s[key] as number[];
  switch (json.method) {
    case 'minmax':
      return { a: arr('scale'), b: arr('min') };
    case 'zscore': {
      const scale = o.withStd === false ? arr('mean').map(() => 1) : arr('scale');
      return {
        a: scale.map((v) => 1 / v),
        b: arr('mean').map((m, j) => (o.withMean === false ? 0 : -m / scale[j])),
      };
    }
    case 'robust':
      return { a: arr('scale').map((v) => 1 / v), b: arr('center').map((c, j) => -c / arr('scale')[j]) };
    case 'maxabs':
      return { a: arr('scale').map((v) => 1 / v), b: arr('scale').map(() => 0) };
    default:
      return undefined;
  }
}

const SKLEARN: { readonly [M in ScalingMethod]: (s: State, o: State) => string[] } = {
  minmax: (s, o) => [
    `scaler = MinMaxScaler(feature_range=(${(o.featureRange as number[]).join(', ')}), clip=${o.clip ? 'True' : 'False'})`,
    `scaler.data_min_ = np.array(${list(s.dataMin)})`,
    `scaler.data_max_ = np.array(${list(s.dataMax)})`,
    `scaler.data_range_ = np.array(${list(s.dataRange)})`,
    `scaler.scale_ = np.array(${list(s.scale)})`,
    `scaler.min_ = np.array(${list(s.min)})`,
  ],
  zscore: (s, o) => [
    `scaler = StandardScaler(with_mean=${o.withMean === false ? 'False' : 'True'}, with_std=${o.withStd === false ? 'False' : 'True'})`,
    `scaler.mean_ = np.array(${list(s.mean)})`,
    `scaler.var_ = np.array(${list(s.var)})`,
    `scaler.scale_ = np.array(${list(s.scale)})`,
    `scaler.n_samples_seen_ = np.array(${list(s.nSamplesSeen)})`,
  ],
  robust: (s, o) => [
    `scaler = RobustScaler(quantile_range=(${(o.quantileRange as number[]).join(', ')}), unit_variance=${o.unitVariance ? 'True' : 'False'})`,
    `scaler.center_ = np.array(${list(s.center)})`,
    `scaler.scale_ = np.array(${list(s.scale)})`,
  ],
  maxabs: (s) => [
    'scaler = MaxAbsScaler()',
    `scaler.max_abs_ = np.array(${list(s.maxAbs)})`,
    `scaler.scale_ = np.array(${list(s.scale)})`,
  ],
  quantile: (s, o) => [
    `scaler = QuantileTransformer(n_quantiles=${String(o.nQuantiles)}, output_distribution='${String(o.outputDistribution)}')`,
    `scaler.references_ = np.array(${list(s.references)})`,
    `scaler.quantiles_ = np.array([${(s.quantiles as number[][]).map(list).join(', ')}]).T`,
    `scaler.n_quantiles_ = ${(s.references as number[]).length}`,
  ],
  'yeo-johnson': (s, o) => [
    `scaler = PowerTransformer(method='yeo-johnson', standardize=${o.standardize === false ? 'False' : 'True'})`,
    `scaler.lambdas_ = np.array(${list(s.lambdas)})`,
    ...(o.standardize === false
      ? []
      : [
          'scaler._scaler = StandardScaler()',
          `scaler._scaler.mean_ = np.array(${list(s.mean)})`,
          `scaler._scaler.var_ = np.array(${list(s.var)})`,
          `scaler._scaler.scale_ = np.sqrt(scaler._scaler.var_)`,
          `scaler._scaler.n_features_in_ = ${(s.lambdas as number[]).length}`,
        ]),
  ],
  scale: (_s, o) => [
    `scaler = FunctionTransformer(lambda X: X / ${String(o.divisor)}, inverse_func=lambda X: X * ${String(o.divisor)})`,
  ],
  l1: () => ["scaler = Normalizer(norm='l1')"],
  l2: () => ["scaler = Normalizer(norm='l2')"],
  max: () => ["scaler = Normalizer(norm='max')"],
};

const SKLEARN_CLASS: { readonly [M in ScalingMethod]: string } = {
  minmax: 'MinMaxScaler',
  zscore: 'StandardScaler',
  robust: 'RobustScaler',
  maxabs: 'MaxAbsScaler',
  quantile: 'QuantileTransformer',
  'yeo-johnson': 'PowerTransformer, StandardScaler',
  scale: 'FunctionTransformer',
  l1: 'Normalizer',
  l2: 'Normalizer',
  max: 'Normalizer',
};

/** The fitted transform of `columns` as code in `language`. */
export function codeSnippet(json: ScalerJSON, columns: readonly string[], language: SnippetLanguage): string {
  const s = json.state as State;
  const o = json.options as State;
  const header = codeHeader(json, columns, '#');
  const affine = affineForm(json);
  const rowNorm = json.method === 'l1' || json.method === 'l2' || json.method === 'max';
  switch (language) {
    case 'pyspark':
      return exportPyspark(json, columns);
    case 'dbt':
      return exportDbt(json, columns, { dialect: 'duckdb', model: 'data', withRest: true });
    case 'sql-duckdb':
    case 'sql-postgres':
    case 'sql-spark':
    case 'sql-bigquery':
    case 'sql-snowflake': {
      const dialect = language.slice('sql-'.length) as SqlDialect;
      const withRest = SQL_DIALECTS[dialect].starExcept !== undefined;
      return `${codeHeader(json, columns, '--')}\n${exportSql(json, columns, { dialect, table: 'data', withRest })}\n`;
    }
    case 'sklearn': {
      const fitted = SKLEARN[json.method](s, o);
      const needsWidth = !rowNorm && json.method !== 'scale';
      return [
        header,
        'import numpy as np',
        `from sklearn.preprocessing import ${SKLEARN_CLASS[json.method]}`,
        '',
        ...fitted,
        ...(needsWidth ? [`scaler.n_features_in_ = ${columns.length}`] : []),
        'X_scaled = scaler.transform(X)  # X: samples × features, columns in the order above',
      ].join('\n');
    }
    case 'numpy': {
      const body = affine
        ? [`a = np.array(${list(affine.a)})`, `b = np.array(${list(affine.b)})`, 'X_scaled = X * a + b']
        : json.method === 'scale'
          ? [`X_scaled = X / ${String(o.divisor)}`]
          : rowNorm
            ? [
                `norms = ${rowNormExpression(json.method, 'np')}`,
                'norms[norms == 0] = 1',
                'X_scaled = X / norms',
              ]
            : json.method === 'yeo-johnson'
              ? yeoJohnsonNumpy(s, o)
              : quantileNumpy(s, o);
      return [header, 'import numpy as np', '', ...body].join('\n');
    }
    case 'pytorch':
      if (affine) {
        return [
          header,
          'import torch',
          '',
          `a = torch.tensor(${list(affine.a)}, dtype=torch.float64)`,
          `b = torch.tensor(${list(affine.b)}, dtype=torch.float64)`,
          'x_scaled = x * a + b',
        ].join('\n');
      }
      if (json.method === 'scale')
        return [header, 'import torch', '', `x_scaled = x / ${String(o.divisor)}`].join('\n');
      if (rowNorm) {
        const p = json.method === 'l1' ? '1' : json.method === 'l2' ? '2' : "float('inf')";
        return [
          header,
          'import torch',
          '',
          `x_scaled = torch.nn.functional.normalize(x, p=${p}, dim=1, eps=0.0).nan_to_num(0.0)`,
        ].join('\n');
      }
      return [
        header,
        `# ${json.method} has no PyTorch layer; apply the NumPy version to your data before torch.tensor(...)`,
      ].join('\n');
    case 'keras':
      if (affine) {
        // Normalization computes (x - mean)/sqrt(variance): mean = -b/a and variance = 1/a² give a·x + b.
        return [
          header,
          'import numpy as np',
          'import keras',
          '',
          `a = np.array(${list(affine.a)})`,
          `b = np.array(${list(affine.b)})`,
          'layer = keras.layers.Normalization(mean=-b / a, variance=1 / a**2)',
          'x_scaled = layer(x)',
        ].join('\n');
      }
      if (json.method === 'scale')
        return [header, 'import keras', '', `layer = keras.layers.Rescaling(1 / ${String(o.divisor)})`].join(
          '\n',
        );
      if (json.method === 'l2')
        return [header, 'import keras', '', 'layer = keras.layers.UnitNormalization(axis=-1)'].join('\n');
      return [header, `# ${json.method} has no Keras layer; apply the NumPy version to your data first`].join(
        '\n',
      );
  }
}

function rowNormExpression(method: string, np: string): string {
  if (method === 'l1') return `${np}.abs(X).sum(axis=1, keepdims=True)`;
  if (method === 'l2') return `${np}.sqrt((X * X).sum(axis=1, keepdims=True))`;
  return `${np}.abs(X).max(axis=1, keepdims=True)`;
}

function yeoJohnsonNumpy(s: State, o: State): string[] {
  return [
    `lambdas = np.array(${list(s.lambdas)})`,
    'def yeo_johnson(x, lmbda):',
    '    out = np.empty_like(x)',
    '    pos = x >= 0',
    '    out[pos] = np.log1p(x[pos]) if abs(lmbda) < np.spacing(1.0) else np.expm1(lmbda * np.log1p(x[pos])) / lmbda',
    '    out[~pos] = -np.log1p(-x[~pos]) if abs(lmbda - 2) < np.spacing(1.0) else -np.expm1((2 - lmbda) * np.log1p(-x[~pos])) / (2 - lmbda)',
    '    return out',
    'X_scaled = np.column_stack([yeo_johnson(X[:, j], l) for j, l in enumerate(lambdas)])',
    ...(o.standardize === false
      ? []
      : [`X_scaled = (X_scaled - np.array(${list(s.mean)})) / np.sqrt(np.array(${list(s.var)}))`]),
  ];
}

function quantileNumpy(s: State, o: State): string[] {
  return [
    `references = np.array(${list(s.references)})`,
    `quantiles = [${(s.quantiles as number[][]).map((q) => `np.array(${list(q)})`).join(', ')}]`,
    'X_scaled = np.column_stack([0.5 * (np.interp(X[:, j], q, references) - np.interp(-X[:, j], -q[::-1], -references[::-1])) for j, q in enumerate(quantiles)])',
    ...(o.outputDistribution === 'normal'
      ? [
          'from scipy.stats import norm',
          'X_scaled = np.clip(norm.ppf(X_scaled), norm.ppf(1e-7 - np.spacing(1)), norm.ppf(1 - (1e-7 - np.spacing(1))))',
        ]
      : []),
  ];
}
