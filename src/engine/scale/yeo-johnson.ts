import { numpyVariance, pairwiseSum } from '../stats/sum';
import { brentMinimize } from './brent';
import { ParameterError } from '../parameter-error';
import { columnOf, fromColumns, type Matrix } from './matrix';
import { checkFitted, stateArray, toNumbers, type Scaler, type ScalerJSON, type ScalerState } from './scaler';
import { StandardScaler } from './standard';

/**
 * The Yeo-Johnson power transform of one value:
 * x ≥ 0: ((x+1)^λ - 1)/λ (log1p x when λ = 0); x < 0: -((1-x)^(2-λ) - 1)/(2-λ) (-log1p(-x) when λ = 2).
 * Evaluated as expm1(λ·log1p x)/λ, which equals scikit-learn's form to rounding and stays exact near 0.
 */
export function yeoJohnson(x: number, lambda: number): number {
  if (x >= 0)
    return Math.abs(lambda) < Number.EPSILON ? Math.log1p(x) : Math.expm1(lambda * Math.log1p(x)) / lambda;
  return Math.abs(lambda - 2) > Number.EPSILON
    ? -Math.expm1((2 - lambda) * Math.log1p(-x)) / (2 - lambda)
    : -Math.log1p(-x);
}

/** The inverse of yeoJohnson for the same λ, in the same expm1/log1p form. */
export function yeoJohnsonInverse(y: number, lambda: number): number {
  if (y >= 0)
    return Math.abs(lambda) < Number.EPSILON ? Math.expm1(y) : Math.expm1(Math.log1p(y * lambda) / lambda);
  return Math.abs(lambda - 2) > Number.EPSILON
    ? -Math.expm1(Math.log1p(-(2 - lambda) * y) / (2 - lambda))
    : -Math.expm1(-y);
}

/**
 * λ maximising the Yeo-Johnson log-likelihood of the non-missing values, as scikit-learn 1.2:
 * Brent's method (SciPy's, bracket (-2, 2)) on -(-n/2·log σ²(ψ(x, λ)) + (λ-1)·Σ sign(x)·log1p|x|).
 */
export function yeoJohnsonLambda(values: ArrayLike<number>): number {
  const x = Float64Array.from(values).filter((v) => v === v);
  const n = x.length;
  // A constant (or empty) feature has no likelihood to maximise: keep it as it is (λ = 1 is the identity).
  if (x.every((v) => v === x[0])) return 1;
  const logTerm = pairwiseSum(
    n,
    x.map((v) => Math.sign(v) * Math.log1p(Math.abs(v))),
  );
  const transformed = new Float64Array(n);
  const negativeLogLikelihood = (lambda: number): number => {
    for (let i = 0; i < n; i++) transformed[i] = yeoJohnson(x[i], lambda);
    const variance = numpyVariance(transformed);
    if (variance < Number.MIN_VALUE * 2 ** 52) return Infinity; // below float64's smallest normal: log is meaningless
    return -((-n / 2) * Math.log(variance) + (lambda - 1) * logTerm);
  };
  return brentMinimize(negativeLogLikelihood, -2, 2);
}

/**
 * Yeo-Johnson power transform (sklearn.preprocessing.PowerTransformer(method='yeo-johnson')): per-feature
 * λ by maximum likelihood, then (standardize) a z-score of the transformed data.
 */
export class YeoJohnsonTransformer implements Scaler {
  readonly method = 'yeo-johnson';
  readonly standardize: boolean;
  lambdas: Float64Array = new Float64Array(0);
  nFeaturesIn: number | undefined;
  private scaler: StandardScaler | undefined;

  /** Fixed λ per feature (as scipy.stats.yeojohnson(x, lmbda)); the search runs when absent. */
  readonly fixedLambdas: readonly number[] | undefined;

  constructor(options: { standardize?: boolean; lambdas?: readonly number[] } = {}) {
    this.standardize = options.standardize ?? true;
    if (options.lambdas && !options.lambdas.every(Number.isFinite)) {
      throw new ParameterError('yeoJohnson', 'lambdas', options.lambdas, 'must be finite numbers');
    }
    this.fixedLambdas = options.lambdas;
  }

  fit(x: Matrix): this {
    if (this.fixedLambdas && this.fixedLambdas.length !== x.cols) {
      throw new ParameterError(
        'yeoJohnson',
        'lambdas',
        this.fixedLambdas,
        `must hold one λ per feature (${x.cols})`,
      );
    }
    this.lambdas = this.fixedLambdas
      ? Float64Array.from(this.fixedLambdas)
      : Float64Array.from({ length: x.cols }, (_, j) => yeoJohnsonLambda(columnOf(x, j)));
    this.nFeaturesIn = x.cols;
    this.scaler = this.standardize ? new StandardScaler().fit(this.power(x, false)) : undefined;
    return this;
  }

  private power(x: Matrix, inverse: boolean): Matrix {
    const f = inverse ? yeoJohnsonInverse : yeoJohnson;
    return fromColumns(
      Array.from({ length: x.cols }, (_, j) => columnOf(x, j).map((v) => f(v, this.lambdas[j]))),
      x.rows,
    );
  }

  transform(x: Matrix): Matrix {
    checkFitted('yeoJohnson.transform', this.nFeaturesIn, x);
    const powered = this.power(x, false);
    return this.scaler ? this.scaler.transform(powered) : powered;
  }

  inverseTransform(x: Matrix): Matrix {
    checkFitted('yeoJohnson.inverseTransform', this.nFeaturesIn, x);
    return this.power(this.scaler ? this.scaler.inverseTransform(x) : x, true);
  }

  toJSON(): ScalerJSON {
    return {
      method: this.method,
      options: { standardize: this.standardize },
      state: {
        lambdas: toNumbers(this.lambdas),
        ...(this.scaler
          ? {
              mean: toNumbers(this.scaler.mean),
              var: toNumbers(this.scaler.var),
              nSamplesSeen: toNumbers(this.scaler.nSamplesSeen),
            }
          : {}),
      },
    };
  }

  loadState(state: ScalerState): this {
    this.lambdas = stateArray(state, 'lambdas');
    this.nFeaturesIn = this.lambdas.length;
    this.scaler = this.standardize ? new StandardScaler().loadState(state) : undefined;
    return this;
  }
}
