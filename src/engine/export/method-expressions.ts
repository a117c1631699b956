/**
 * Each fitted method as expressions over its columns (see expression.ts), operation for operation as
 * the engine's transform computes them, so SQL and PySpark give `normscope transform`'s numbers.
 */
import type { MaxAbsScaler } from '../scale/max-abs';
import type { MinMaxScaler } from '../scale/min-max';
import { EXP_MINUS_2, NDTRI_COEFFICIENTS, normalPpf, S2PI } from '../scale/normal-distribution';
import { BOUNDS_THRESHOLD, type QuantileTransformer } from '../scale/quantile-transformer';
import { scalerFromJSON } from '../scale/registry';
import type { RobustScaler } from '../scale/robust';
import type { ScalerJSON } from '../scale/scaler';
import { StandardScaler } from '../scale/standard';
import type { FixedDivisorScaler } from '../scale/fixed-divisor';
import type { YeoJohnsonTransformer } from '../scale/yeo-johnson';
import {
  abs,
  add,
  caseOf,
  column,
  div,
  eq,
  ge,
  greatest,
  gt,
  isNull,
  le,
  ln,
  lt,
  mul,
  neg,
  NULL,
  num,
  pow,
  sqrt,
  sub,
  sumOf,
  type Expr,
  type Stage,
} from './expression';

/** The transform of `columns` (the params' columns, in order) as stages of expressions. */
export function transformStages(json: ScalerJSON, columns: readonly string[]): Stage[] {
  const scaler = scalerFromJSON(json);
  const width = scaler.nFeaturesIn;
  if (width !== undefined && width !== columns.length) {
    throw new RangeError(
      `export: the params list ${columns.length} columns, the scaler was fitted on ${width}`,
    );
  }
  const x = columns.map(column);
  const method = json.method;
  switch (method) {
    case 'minmax': {
      const s = scaler as MinMaxScaler;
      const [a, b] = s.featureRange;
      return [
        x.map((v, j) => {
          const y = add(mul(v, num(s.scale[j])), num(s.min[j]));
          return s.clip ? clamp(y, a, b) : y;
        }),
      ];
    }
    case 'zscore': {
      const s = scaler as StandardScaler;
      return [
        x.map((v, j) => {
          const centred = s.withMean ? sub(v, num(s.mean[j])) : v;
          return s.withStd ? div(centred, num(s.scale[j])) : centred;
        }),
      ];
    }
    case 'scale': {
      const divisor = (scaler as FixedDivisorScaler).divisor;
      return [x.map((v) => div(v, num(divisor)))];
    }
    case 'robust': {
      const s = scaler as RobustScaler;
      return [x.map((v, j) => div(sub(v, num(s.center[j])), num(s.scale[j])))];
    }
    case 'maxabs': {
      const s = scaler as MaxAbsScaler;
      return [x.map((v, j) => div(v, num(s.scale[j])))];
    }
    case 'l1':
      return rowNormStage(x, sumOf(x.map(abs)));
    case 'l2':
      return rowNormStage(x, sqrt(sumOf(x.map((v) => mul(v, v)))));
    case 'max':
      return rowNormStage(x, greatest(x.map(abs)));
    case 'quantile':
      return quantileStages(scaler as QuantileTransformer, x);
    case 'yeo-johnson':
      return yeoJohnsonStages(scaler as YeoJohnsonTransformer, x);
  }
}

/** Math.min(Math.max(y, low), high), NULL staying NULL. */
function clamp(y: Expr, low: number, high: number): Expr {
  return caseOf(
    [
      { when: lt(y, num(low)), then: num(low) },
      { when: gt(y, num(high)), then: num(high) },
    ],
    y,
  );
}

/** x / norm, a norm below 10·eps counting as 1 (scikit-learn's _handle_zeros_in_scale). */
function rowNormStage(x: Expr[], norm: Expr): Stage[] {
  const safe = caseOf([{ when: lt(norm, num(10 * Number.EPSILON)), then: num(1) }], norm);
  return [x.map((v) => div(v, safe))];
}

/**
 * numpy.interp(x, xp, fp) as a binary search over CASE: count = how many xp are ≤ x, then
 * slope·(x - xp[j]) + fp[j] at j = count - 1, fp's ends outside. Only counts that can occur (a
 * repeated knot cannot end an interval) become branches.
 */
export function interpExpr(x: Expr, xp: ArrayLike<number>, fp: ArrayLike<number>): Expr {
  const n = xp.length;
  const counts: number[] = [0];
  for (let c = 1; c < n; c++) if (xp[c - 1] < xp[c]) counts.push(c);
  counts.push(n);
  const leaf = (count: number): Expr => {
    const j = count - 1;
    if (j === -1) return num(fp[0]);
    if (j === n - 1) return num(fp[n - 1]);
    const slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
    return add(mul(num(slope), sub(x, num(xp[j]))), num(fp[j]));
  };
  const search = (lo: number, hi: number): Expr => {
    if (lo === hi) return leaf(counts[lo]);
    const mid = (lo + hi + 1) >> 1;
    return caseOf([{ when: ge(x, num(xp[counts[mid] - 1])), then: search(mid, hi) }], search(lo, mid - 1));
  };
  return search(0, counts.length - 1);
}

/**
 * The quantile transform: the uniform value (scikit-learn's two-sided interpolation, its exact ends),
 * then for the normal output Φ⁻¹ of it and the clip at Φ⁻¹(1e-7 - eps), each a stage of its own.
 */
function quantileStages(s: QuantileTransformer, x: Expr[]): Stage[] {
  const refs = s.references;
  const last = refs.length - 1;
  const reversedRefs = refs.map((_, i) => -refs[last - i]);
  const normal = s.outputDistribution === 'normal';
  const uniform = x.map((v, j) => {
    const q = s.quantiles[j];
    const reversedQ = q.map((_, i) => -q[last - i]);
    const atLower = normal ? lt(sub(v, num(BOUNDS_THRESHOLD)), num(q[0])) : eq(v, num(q[0]));
    const atUpper = normal ? gt(add(v, num(BOUNDS_THRESHOLD)), num(q[last])) : eq(v, num(q[last]));
    const twoSided = mul(num(0.5), sub(interpExpr(v, q, refs), interpExpr(neg(v), reversedQ, reversedRefs)));
    return caseOf(
      [
        // The search below compares, and a comparison with NULL is false: it would land on a constant.
        { when: isNull(v), then: NULL },
        { when: atLower, then: num(0) },
        { when: atUpper, then: num(1) },
      ],
      twoSided,
    );
  });
  // The first stage only reads each column as float64 once: the search below names it hundreds of times.
  const asDouble = x;
  if (!normal) return [asDouble, uniform];
  const clipMin = normalPpf(BOUNDS_THRESHOLD - Number.EPSILON);
  const clipMax = normalPpf(1 - (BOUNDS_THRESHOLD - Number.EPSILON));
  const ppf = x.map((v) =>
    caseOf(
      [
        { when: le(v, num(0)), then: num(clipMin) },
        { when: ge(v, num(1)), then: num(clipMax) },
      ],
      normalPpfExpr(v),
    ),
  );
  return [asDouble, uniform, ppf, x.map((v) => clamp(v, clipMin, clipMax))];
}

function polevlExpr(z: Expr, coef: readonly number[]): Expr {
  return coef.slice(1).reduce<Expr>((acc, c) => add(mul(acc, z), num(c)), num(coef[0]));
}

function p1evlExpr(z: Expr, coef: readonly number[]): Expr {
  return coef.slice(1).reduce<Expr>((acc, c) => add(mul(acc, z), num(c)), add(z, num(coef[0])));
}

/** Cephes ndtri (normal-distribution.ts's normalPpf) for 0 < p < 1, in the same operations. */
export function normalPpfExpr(p: Expr): Expr {
  const { central, tail, farTail } = NDTRI_COEFFICIENTS;
  const t = sub(p, num(0.5));
  const t2 = mul(t, t);
  const centralValue = mul(
    add(t, mul(t, div(mul(t2, polevlExpr(t2, central.p)), p1evlExpr(t2, central.q)))),
    num(S2PI),
  );
  const tailValue = (y: Expr): Expr => {
    const xv = sqrt(mul(num(-2), ln(y)));
    const x0 = sub(xv, div(ln(xv), xv));
    const z = div(num(1), xv);
    const near = div(mul(z, polevlExpr(z, tail.p)), p1evlExpr(z, tail.q));
    const far = div(mul(z, polevlExpr(z, farTail.p)), p1evlExpr(z, farTail.q));
    return sub(x0, caseOf([{ when: lt(xv, num(8)), then: near }], far));
  };
  return caseOf(
    [
      { when: gt(p, num(1 - EXP_MINUS_2)), then: tailValue(sub(num(1), p)) },
      { when: gt(p, num(EXP_MINUS_2)), then: centralValue },
    ],
    neg(tailValue(p)),
  );
}

/**
 * Yeo-Johnson in scikit-learn's form ((x+1)^λ - 1)/λ, -((1-x)^(2-λ) - 1)/(2-λ), log at λ = 0 and 2
 * (the engine's expm1/log1p form agrees to rounding), then the z-score of the transformed values.
 */
function yeoJohnsonStages(s: YeoJohnsonTransformer, x: Expr[]): Stage[] {
  const standard = s.standardize ? new StandardScaler().loadState(s.toJSON().state) : undefined;
  return [
    x.map((v, j) => {
      const lambda = s.lambdas[j];
      const positive =
        Math.abs(lambda) < Number.EPSILON
          ? ln(add(v, num(1)))
          : div(sub(pow(add(v, num(1)), num(lambda)), num(1)), num(lambda));
      const negative =
        Math.abs(lambda - 2) > Number.EPSILON
          ? neg(div(sub(pow(sub(num(1), v), num(2 - lambda)), num(1)), num(2 - lambda)))
          : neg(ln(sub(num(1), v)));
      const powered = caseOf([{ when: ge(v, num(0)), then: positive }], negative);
      return standard ? div(sub(powered, num(standard.mean[j])), num(standard.scale[j])) : powered;
    }),
  ];
}
