// The format registry: extensions, magic bytes, and the explorer menu's `when` clauses that must list
// every extension it has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  explorerWhenClause,
  extensionOf,
  FORMAT_LIST,
  FORMATS,
  formatOfPath,
  formatOrCsv,
  hasMagic,
} from '../../../../src/io/formats/registry';

test('formatOfPath finds each format by any of its extensions, in any case; unknown extensions read as CSV', () => {
  for (const format of FORMAT_LIST)
    for (const extension of format.extensions) {
      assert.equal(formatOfPath(`data/x.${extension}`)?.id, format.id);
      assert.equal(formatOfPath(`C:\\data\\X.${extension.toUpperCase()}`)?.id, format.id);
    }
  assert.equal(formatOfPath('notes.dat'), undefined);
  assert.equal(formatOrCsv('notes.dat').id, 'csv');
  assert.equal(extensionOf('/a.b/c'), '');
  assert.equal(extensionOf('.hidden'), '');
});

test('no extension belongs to two formats', () => {
  const all = FORMAT_LIST.flatMap((f) => f.extensions);
  assert.equal(new Set(all).size, all.length);
});

test('hasMagic accepts the magic bytes of real files and refuses others', () => {
  const vega = (name: string) =>
    new Uint8Array(
      readFileSync(new URL(`../../../../node_modules/vega-datasets/data/${name}`, import.meta.url)),
    );
  assert.ok(hasMagic(FORMATS.parquet, vega('flights-3m.parquet')));
  assert.ok(hasMagic(FORMATS.arrow, vega('flights-200k.arrow')));
  assert.ok(hasMagic(FORMATS.image, vega('ffox.png')));
  assert.ok(!hasMagic(FORMATS.parquet, vega('ffox.png')));
  assert.ok(hasMagic(FORMATS.jsonl, new Uint8Array([0x7b]))); // text formats have none
});

test("package.json's explorer menu lists every extension of the registry (tables and arrays for Normalize, all for Show Statistics)", () => {
  const manifest = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as {
    contributes: { menus: { 'explorer/context': { command: string; when: string }[] } };
  };
  const when = (command: string) =>
    manifest.contributes.menus['explorer/context'].find((m) => m.command === command)?.when;
  assert.equal(when('normscope.normalizeFile'), explorerWhenClause(['table', 'array']));
  assert.equal(when('normscope.showStatistics'), `${explorerWhenClause()} || explorerResourceIsFolder`);
});
