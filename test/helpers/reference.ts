// Loads the float64 reference cases computed by PyTorch, scikit-learn, NumPy and SciPy
// (copied from ../shared/reference into test/fixtures/reference so a fresh clone tests alone).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface ReferenceArray {
  shape: number[];
  data: (number | null)[];
}

export interface ReferenceCase {
  name: string;
  op: string;
  params: Record<string, unknown>;
  inputs: Record<string, ReferenceArray>;
  expected: Record<string, ReferenceArray>;
  note?: string;
}

export type ReferenceFamily = 'sklearn' | 'stats' | 'torch';

export function referenceCases(family: ReferenceFamily, op?: string): ReferenceCase[] {
  const path = fileURLToPath(new URL(`../fixtures/reference/${family}.json`, import.meta.url));
  const { cases } = JSON.parse(readFileSync(path, 'utf8')) as { cases: ReferenceCase[] };
  return op === undefined ? cases : cases.filter((c) => c.op === op);
}

/** JSON null stands for NaN in the reference files. */
export function toFloat64(array: ReferenceArray): Float64Array {
  return Float64Array.from(array.data, (v) => (v === null ? NaN : v));
}
