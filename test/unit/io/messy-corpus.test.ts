import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readCsvTable } from '../../../src/io/node/csv-file';
import { scratchDir } from '../../helpers/cli';
import { buildCorpus, differenceFromKey } from '../../helpers/messy-corpus';

test('readCsvTable reads every file of the messy corpus as pandas reads it with the right options', async (t) => {
  const { dir, cleanup } = scratchDir('normscope-corpus-');
  try {
    const key = buildCorpus(dir);
    if (typeof key === 'string') {
      t.skip(`messy corpus not built: ${key}`);
      return;
    }
    const names = Object.keys(key);
    assert.ok(names.length >= 40, `only ${names.length} files in the corpus`);
    const wrong: string[] = [];
    for (const name of names) {
      let difference: string | null;
      try {
        difference = differenceFromKey(await readCsvTable(join(dir, name)), key[name]);
      } catch (error) {
        difference = `error: ${(error as Error).message}`;
      }
      if (difference !== null) wrong.push(`${name}: ${difference}`);
    }
    t.diagnostic(`corpus score: ${names.length - wrong.length}/${names.length} read as pandas reads them`);
    assert.deepEqual(wrong, []);
  } finally {
    cleanup();
  }
});
