// The messy CSV corpus (test/fixtures/messy-csv/build_corpus.py) built into a scratch folder, and how a
// table read by normscope compares with pandas' reading in the answer key.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CsvTable } from '../../src/io/csv/table';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('../fixtures/messy-csv/build_corpus.py', import.meta.url));
const VEGA = fileURLToPath(new URL('../../node_modules/vega-datasets/data', import.meta.url));

export interface KeyEntry {
  options: Record<string, unknown>;
  header: boolean;
  rows: number;
  columns: { name: string; numeric: boolean; values?: (number | null)[] }[];
}

/** Builds the corpus into `dir`; the reason it cannot (no python3 with pandas, no vega-datasets) otherwise. */
export function buildCorpus(dir: string): Record<string, KeyEntry> | string {
  if (!existsSync(PYTHON)) return `${PYTHON} is not installed`;
  if (!existsSync(VEGA)) return 'vega-datasets is not installed (npm install)';
  const probe = spawnSync(PYTHON, ['-c', 'import pandas, numpy'], { encoding: 'utf8' });
  if (probe.status !== 0) return 'python3-pandas is not installed';
  const built = spawnSync(PYTHON, [SCRIPT, dir, VEGA], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`build_corpus.py failed: ${built.stderr}`);
  return JSON.parse(readFileSync(join(dir, 'key.json'), 'utf8')) as Record<string, KeyEntry>;
}

/** The first way `table` differs from pandas' reading, or null when it reads the same. */
export function differenceFromKey(table: CsvTable, key: KeyEntry): string | null {
  if (table.rowCount !== key.rows) return `${table.rowCount} rows, pandas ${key.rows}`;
  if (table.columns.length !== key.columns.length)
    return `${table.columns.length} columns, pandas ${key.columns.length}`;
  for (let j = 0; j < key.columns.length; j++) {
    const ours = table.columns[j];
    const theirs = key.columns[j];
    if (key.header && ours.name.trim() !== theirs.name.trim())
      return `column ${j} named '${ours.name}', pandas '${theirs.name}'`;
    if ((ours.kind === 'numeric') !== theirs.numeric)
      return `column ${j} (${theirs.name}) is ${ours.kind}, pandas ${theirs.numeric ? 'numeric' : 'text'}`;
    if (!theirs.values) continue;
    for (let i = 0; i < theirs.values.length; i++) {
      const expected = theirs.values[i] ?? NaN;
      const actual = ours.values[i];
      const same = Number.isNaN(expected)
        ? Number.isNaN(actual)
        : Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected));
      if (!same) return `column ${j} (${theirs.name}) row ${i}: ${actual}, pandas ${expected}`;
    }
  }
  return null;
}
