import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainerArrayFrom } from '../../../src/extension/explainer-array';

test('a selected literal of rank 2–4 becomes the explainer’s [N, C, H, W] tensor, padded with unit axes', () => {
  assert.deepEqual(explainerArrayFrom('[[1, 2, 3], [4, 5, 6]]', 'a.py:3'), {
    shape: [2, 3, 1, 1],
    values: [1, 2, 3, 4, 5, 6],
    source: 'a.py:3, shape [2, 3]',
  });
  const nchw = explainerArrayFrom('torch.tensor([[[[0.5, 1.5]], [[2.5, 3.5]]]])', 'm.py:9');
  assert.deepEqual(typeof nchw !== 'string' && [nchw.shape, nchw.values], [
    [1, 2, 1, 2],
    [0.5, 1.5, 2.5, 3.5],
  ]);
});

test('anything else says why, naming the shape or the parse error', () => {
  assert.equal(
    explainerArrayFrom('[1, 2, 3]', 'a.py:1'),
    'the explainer reads [N, C], [N, C, L] or [N, C, H, W]; the selection has shape [3]',
  );
  assert.equal(
    explainerArrayFrom(JSON.stringify([Array.from({ length: 65 }, () => 0)]), 'a.py:1'),
    'the explainer draws up to 64 per axis; the selection has shape [1, 65]',
  );
  assert.match(explainerArrayFrom('[[1, 2], [3]]', 'a.py:1') as string, /a\.py:1/);
});
