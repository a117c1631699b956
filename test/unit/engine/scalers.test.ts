import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { matrix, type Matrix } from '../../../src/engine/scale/matrix';
import { createScaler, scalerFromJSON, SCALING_METHODS } from '../../../src/engine/scale/registry';
import type { Scaler, ScalingMethod } from '../../../src/engine/scale/scaler';
import { MinMaxScaler } from '../../../src/engine/scale/min-max';
import { StandardScaler } from '../../../src/engine/scale/standard';
import { ExactPasses } from '../../../src/engine/stats/passes';
import { ParameterError } from '../../../src/engine/parameter-error';
import { assertClose, conditionedTolerance, type Tolerance } from '../../helpers/close';
import { referenceCases, toFloat64, type ReferenceArray, type ReferenceCase } from '../../helpers/reference';

const METHOD_OF_OP: Record<string, ScalingMethod> = {
  minMax: 'minmax',
  zScore: 'zscore',
  robust: 'robust',
  maxAbs: 'maxabs',
  quantile: 'quantile',
  yeoJohnson: 'yeo-johnson',
};

/** scikit-learn's fitted attribute names (snake_case) → ours (camelCase). */
const STATE_NAMES: Record<string, string> = {
  data_min: 'dataMin',
  data_max: 'dataMax',
  scale: 'scale',
  mean: 'mean',
  var: 'var',
  center: 'center',
  max_abs: 'maxAbs',
  lambdas: 'lambdas',
};

function asMatrix(array: ReferenceArray): Matrix {
  return matrix(toFloat64(array), array.shape[0], array.shape[1]);
}

/** Per-column check; the tolerance of each column follows the conditioning of the training column. */
function assertColumnsClose(
  actual: Matrix,
  expected: ReferenceArray,
  train: ReferenceArray,
  what: string,
  tolerance?: Tolerance,
): void {
  const want = toFloat64(expected);
  const trainValues = toFloat64(train);
  for (let j = 0; j < actual.cols; j++) {
    const pick = (values: ArrayLike<number>, cols: number) =>
      Array.from(values).filter((_, i) => i % cols === j);
    const tol = tolerance ?? conditionedTolerance(pick(trainValues, train.shape[1]));
    assertClose(pick(actual.data, actual.cols), pick(want, actual.cols), tol, `${what} column ${j}`);
  }
}

/**
 * The λ search's optimum is flat: f's rounding noise (~eps·|f|) bounds λ to about √(eps·|f|/f'') ≈ 1e-7
 * relative for every implementation (the reference notes a 1e-4 tolerance). So the transform itself is
 * checked at 1e-9 with the reference's λ, and our own λ against the reference at 1e-6.
 */
const LAMBDA_TOLERANCE = { rel: 1e-6, abs: 1e-9 };

function scalerFor(reference: ReferenceCase, lambdasFromReference = true): Scaler {
  const { method: _ignored, ...options } = reference.params;
  if (reference.op === 'yeoJohnson' && lambdasFromReference)
    options.lambdas = Array.from(toFloat64(reference.expected.lambdas));
  return createScaler(METHOD_OF_OP[reference.op], options);
}

for (const reference of referenceCases('sklearn').filter((c) => c.op in METHOD_OF_OP)) {
  test(`${METHOD_OF_OP[reference.op]} fit/transform/inverseTransform matches scikit-learn on ${reference.name}`, () => {
    const train = asMatrix(reference.inputs.train);
    const testSet = asMatrix(reference.inputs.test);
    const scaler = scalerFor(reference).fit(train);
    assertColumnsClose(scaler.transform(train), reference.expected.train, reference.inputs.train, 'train');
    const transformed = scaler.transform(testSet);
    assertColumnsClose(transformed, reference.expected.test, reference.inputs.train, 'test');
    assertColumnsClose(
      scaler.inverseTransform(transformed),
      reference.expected.inverseTest,
      reference.inputs.train,
      'inverse',
    );
    const state = scaler.toJSON().state;
    for (const [theirs, ours] of Object.entries(STATE_NAMES)) {
      if (!reference.expected[theirs]) continue;
      const tol = theirs === 'lambdas' ? LAMBDA_TOLERANCE : undefined;
      const values =
        theirs === 'lambdas'
          ? (scalerFor(reference, false).fit(train).toJSON().state.lambdas as number[])
          : (state[ours] as number[]);
      if (tol) assertClose(values, toFloat64(reference.expected[theirs]), tol, ours);
      else {
        for (let j = 0; j < values.length; j++) {
          const column = toFloat64(reference.inputs.train).filter((_, i) => i % train.cols === j);
          assertClose(
            values[j],
            toFloat64(reference.expected[theirs])[j],
            conditionedTolerance(column),
            `${ours}[${j}]`,
          );
        }
      }
    }
  });

  test(`scalerFromJSON restores ${reference.name} so that it transforms to the same bits`, () => {
    const train = asMatrix(reference.inputs.train);
    const testSet = asMatrix(reference.inputs.test);
    const fitted = scalerFor(reference).fit(train);
    const restored = scalerFromJSON(
      JSON.parse(
        JSON.stringify(fitted.toJSON(), (_k, v: unknown) =>
          typeof v === 'number' && Number.isNaN(v) ? 'NaN' : v,
        ),
        (_k, v: unknown) => (v === 'NaN' ? NaN : v),
      ) as never,
    );
    assert.deepEqual(restored.transform(testSet).data, fitted.transform(testSet).data);
  });
}

for (const reference of referenceCases('sklearn', 'rowNorm')) {
  test(`${String(reference.params.norm)} RowNormalizer matches scikit-learn's Normalizer on ${reference.name}`, () => {
    const scaler = createScaler(reference.params.norm as ScalingMethod);
    assertClose(
      scaler.transform(asMatrix(reference.inputs.x)).data,
      toFloat64(reference.expected.output),
      undefined,
      reference.name,
    );
    assert.throws(() => scaler.inverseTransform(asMatrix(reference.inputs.x)), /not invertible/);
  });
}

test('MinMaxScaler.partialFit over batches equals fit on the whole, and the constant feature maps to the range start', () => {
  const whole = matrix([1, 5, 2, 5, NaN, 5, 9, 5], 4, 2);
  const fitted = new MinMaxScaler({ featureRange: [-1, 1] }).fit(whole);
  const batched = new MinMaxScaler({ featureRange: [-1, 1] })
    .partialFit(matrix([1, 5, 2, 5], 2, 2))
    .partialFit(matrix([NaN, 5, 9, 5], 2, 2));
  assert.deepEqual(batched.toJSON(), fitted.toJSON());
  assert.deepEqual(Array.from(fitted.transform(whole).data), [-1, -1, -0.75, -1, NaN, -1, 1, -1]);
});

test('StandardScaler.partialFit merges batches exactly and keeps scale 1 for a constant feature', () => {
  const values = Array.from({ length: 40 }, (_, i) => [1e9 + Math.sin(i) * 1e-3, 3]).flat();
  const whole = new StandardScaler().fit(matrix(values, 40, 2));
  const batched = new StandardScaler();
  for (let start = 0; start < 40; start += 7) {
    const rows = Math.min(7, 40 - start);
    batched.partialFit(matrix(values.slice(start * 2, (start + rows) * 2), rows, 2));
  }
  assertClose(batched.mean, whole.mean, { rel: 1e-15 });
  assertClose(batched.var, whole.var, { rel: 1e-9 });
  assert.equal(whole.scale[1], 1);
  assert.equal(whole.var[1], 0);
});

test('StandardScaler.fitFromMoments of ExactPasses over batches gives the state of fit on the whole, bit for bit', () => {
  const rows = 500;
  const values = Array.from({ length: rows }, (_, i) => [
    1e9 + Math.sin(i) * 1e-3,
    i % 3 === 0 ? NaN : i * 0.37,
    3,
  ]).flat();
  const whole = new StandardScaler().fit(matrix(values, rows, 3));
  const passes = new ExactPasses([]);
  while (!passes.done) {
    for (let start = 0; start < rows; start += 64)
      for (let i = start; i < Math.min(rows, start + 64); i++)
        for (let j = 0; j < 3; j++) passes.sink(j).add(values[i * 3 + j]);
    passes.endPass();
  }
  const fromPasses = new StandardScaler().fitFromMoments([0, 1, 2].map((j) => passes.moments(j)));
  assert.deepEqual(fromPasses.toJSON(), whole.toJSON());
  assert.deepEqual(
    fromPasses.transform(matrix(values, rows, 3)).data,
    whole.transform(matrix(values, rows, 3)).data,
  );
});

test('createScaler names the parameter and value it refuses', () => {
  assert.throws(
    () => createScaler('minmax', { featureRange: [1, 0] }),
    (e: unknown) => e instanceof ParameterError && e.parameter === 'featureRange',
  );
  assert.throws(
    () => createScaler('robust', { quantileRange: [80, 20] }),
    (e: unknown) => e instanceof ParameterError && e.parameter === 'quantileRange',
  );
  assert.throws(
    () => createScaler('quantile', { nQuantiles: 0 }),
    (e: unknown) => e instanceof ParameterError && e.parameter === 'nQuantiles',
  );
  assert.throws(
    () => createScaler('scale', { divisor: 0 }),
    (e: unknown) => e instanceof ParameterError && e.parameter === 'divisor',
  );
  assert.throws(() => createScaler('zscorr' as ScalingMethod), /method 'zscorr'/);
  assert.throws(() => new StandardScaler().transform(matrix([1], 1, 1)), /not fitted/);
  assert.throws(
    () => new StandardScaler().fit(matrix([1, 2], 1, 2)).transform(matrix([1], 1, 1)),
    /1 features, the scaler was fitted on 2/,
  );
});

const INVERTIBLE = SCALING_METHODS.filter((m) => m.invertible).map((m) => m.method);

test('inverseTransform(transform(x)) is x for every invertible method on generated tables (fast-check)', () => {
  const table = fc.integer({ min: 2, max: 4 }).chain((cols) =>
    fc
      // Subnormal gaps overflow an interpolation slope (in NumPy too), so tiny values are flushed to 0.
      .array(
        fc.array(
          fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => (Math.abs(v) < 1e-100 ? 0 : v)),
          { minLength: cols, maxLength: cols },
        ),
        {
          minLength: 3,
          maxLength: 30,
        },
      )
      .map((rows) => matrix(rows.flat(), rows.length, cols)),
  );
  fc.assert(
    fc.property(table, fc.constantFrom(...INVERTIBLE), (x, method) => {
      const scaler = createScaler(method).fit(x);
      const back = scaler.inverseTransform(scaler.transform(x));
      for (let at = 0; at < x.data.length; at++) {
        const j = at % x.cols;
        const column = Array.from(x.data).filter((_, i) => i % x.cols === j);
        const spread = Math.max(...column) - Math.min(...column);
        // relative to the column's spread: an affine map's round trip loses ~eps·max|x|
        const tolerance = method === 'quantile' || method === 'yeo-johnson' ? 1e-6 : 1e-9;
        const allowed = tolerance * Math.max(spread, Math.max(...column.map(Math.abs)), 1e-300);
        if (!(Math.abs(back.data[at] - x.data[at]) <= allowed)) {
          throw new Error(`${method}: value ${x.data[at]} came back as ${back.data[at]}`);
        }
      }
    }),
    { numRuns: 150 },
  );
});
