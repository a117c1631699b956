import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatArrayLiteral, parseArrayLiteral, type LiteralStyle } from '../../../src/io/literal';
import { InputError } from '../../../src/io/errors';

const parsed = (text: string) => {
  const { data, shape, style, dtype } = parseArrayLiteral(text);
  return { data: Array.from(data), shape, style, dtype };
};

test('parseArrayLiteral reads JSON, with null as a missing value', () => {
  assert.deepEqual(parsed('[[1, 2.5], [-3e-2, null]]'), {
    data: [1, 2.5, -0.03, NaN],
    shape: [2, 2],
    style: 'json',
    dtype: undefined,
  });
  assert.deepEqual(parsed('[]'), { data: [], shape: [0], style: 'json', dtype: undefined });
  assert.deepEqual(parsed('3.5'), { data: [3.5], shape: [], style: 'json', dtype: undefined });
});

test('parseArrayLiteral reads Python lists and tuples with trailing commas, nan, inf and booleans', () => {
  assert.deepEqual(parsed("[(1, 2.5,), (3, float('nan'))]"), {
    data: [1, 2.5, 3, NaN],
    shape: [2, 2],
    style: 'python',
    dtype: undefined,
  });
  assert.deepEqual(parsed("[float('-inf'), inf, -inf, True, False,]"), {
    data: [-Infinity, Infinity, -Infinity, 1, 0],
    shape: [5],
    style: 'python',
    dtype: undefined,
  });
  assert.deepEqual(parsed('((1,), (2,))').shape, [2, 1]);
  assert.deepEqual(parsed('[(5)]').shape, [1], '(5) is 5, not a tuple');
});

test('parseArrayLiteral reads NumPy reprs, multi-line, with dtype', () => {
  const repr = 'array([[ 1.,  2.],\n       [nan,  4.]], dtype=float32)';
  assert.deepEqual(parsed(repr), { data: [1, 2, NaN, 4], shape: [2, 2], style: 'numpy', dtype: 'float32' });
  assert.deepEqual(parsed('np.array([1, np.inf, -np.nan])').data, [1, Infinity, NaN]);
  assert.equal(parsed("numpy.array([[1e-3]], dtype='float64')").dtype, 'float64');
});

test('parseArrayLiteral reads PyTorch reprs and ignores device and requires_grad', () => {
  const repr =
    "tensor([[1.0000, 2.0000],\n        [3.5000, 4.0000]], dtype=torch.float64, device='cuda:0', requires_grad=True)";
  assert.deepEqual(parsed(repr), {
    data: [1, 2, 3.5, 4],
    shape: [2, 2],
    style: 'torch',
    dtype: 'torch.float64',
  });
  assert.deepEqual(parsed('torch.tensor([[[0.5]]])').shape, [1, 1, 1]);
});

test('parseArrayLiteral names line and column of ragged nesting, summaries, None and stray tokens', () => {
  const failure = (text: string) => {
    try {
      parseArrayLiteral(text, 'model.py');
    } catch (error) {
      assert.ok(error instanceof InputError);
      return error.message;
    }
    assert.fail(`expected an InputError for ${text}`);
  };
  assert.equal(
    failure('[[1, 2],\n [3]]'),
    'model.py:2:2: ragged nesting: expected 2 items at depth 1, found 1',
  );
  assert.equal(
    failure('[[1, 2], 3]'),
    'model.py:1:10: ragged nesting: a number where its siblings at depth 1 are lists',
  );
  assert.match(failure('array([ 1.,  2., ...,  9.])'), /^model\.py:1:18: summarised repr/);
  assert.match(failure('[1, None]'), /^model\.py:1:5: None is not a number/);
  assert.match(failure('[1, 2] x'), /^model\.py:1:8: unexpected 'x'/);
  assert.match(failure('[1, 2'), /^model\.py:1:6: expected ',' or ']'/);
  assert.match(failure(''), /empty selection/);
  assert.match(failure('[1j]'), /^model\.py:1:3: '1j' is not a real number/);
});

test('formatArrayLiteral writes each style so that parseArrayLiteral reads back the same values', () => {
  const data = [1.5, NaN, -0.25, 1e-300];
  assert.equal(formatArrayLiteral(data, [2, 2], 'json'), '[[1.5, null], [-0.25, 1e-300]]');
  assert.equal(formatArrayLiteral([1, Infinity], [2], 'python'), "[1, float('inf')]");
  assert.equal(formatArrayLiteral([NaN, -Infinity], [2], 'numpy'), 'np.array([np.nan, -np.inf])');
  assert.equal(formatArrayLiteral([2], [1, 1], 'torch'), 'torch.tensor([[2]])');
  assert.equal(formatArrayLiteral([7], [], 'json'), '7');
  assert.throws(() => formatArrayLiteral([Infinity], [1], 'json'), /JSON cannot hold Infinity/);
});

const STYLES: LiteralStyle[] = ['json', 'python', 'numpy', 'torch'];

test('parseArrayLiteral(formatArrayLiteral(x)) is x, bit for bit, for generated shapes and styles (fast-check)', () => {
  const shaped = fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 4 }).chain((shape) => {
    const size = shape.reduce((n, e) => n * e, 1);
    return fc
      .tuple(fc.constant(shape), fc.constantFrom(...STYLES))
      .chain(([s, style]) =>
        fc.tuple(
          fc.constant(s),
          fc.constant(style),
          fc.array(fc.double({ noDefaultInfinity: style === 'json' }), { minLength: size, maxLength: size }),
        ),
      );
  });
  fc.assert(
    fc.property(shaped, ([shape, style, values]) => {
      const back = parseArrayLiteral(formatArrayLiteral(values, shape, style));
      // an empty axis hides the extents after it, as in NumPy's repr of np.zeros((0, 3))
      const visible = shape.indexOf(0) >= 0 ? shape.slice(0, shape.indexOf(0) + 1) : shape;
      assert.deepEqual(back.shape, visible);
      assert.ok(
        Array.from(back.data).every(
          (v, i) => Object.is(v, values[i]) || (Number.isNaN(v) && Number.isNaN(values[i])),
        ),
      );
    }),
    { numRuns: 500 },
  );
});

test('parseArrayLiteral throws nothing but InputError on arbitrary text (fast-check)', () => {
  const alphabet = fc.constantFrom(
    '[',
    ']',
    '(',
    ')',
    ',',
    '1',
    '.',
    'e',
    '-',
    'nan',
    'array',
    'tensor(',
    'dtype=',
    ' ',
    '\n',
    "'",
    '...',
    'x',
  );
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string(),
        fc.array(alphabet).map((parts) => parts.join('')),
      ),
      (text) => {
        try {
          parseArrayLiteral(text);
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
        }
      },
    ),
    { numRuns: 2000 },
  );
});
