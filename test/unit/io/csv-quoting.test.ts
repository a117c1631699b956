// One CSV quoting for the file writers and the panel's "Copy as CSV": fields holding CR, LF, quotes,
// the delimiter and leading/trailing spaces read back unchanged through our tokenizer, and through
// csv-parse (an independent reader) for the comma dialect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { formatRecord, quoteField } from '../../../src/engine/export/csv-field';
import * as writer from '../../../src/io/csv/writer';
import { tokenizeBytes } from '../../../src/io/csv/tokenizer';
import { tableAsCsv, tableAsMarkdown } from '../../../src/webview/table-copy';

const read = (text: string, delimiter: string) =>
  tokenizeBytes(new TextEncoder().encode(text), delimiter).map((record) => record.fields);

const HARD_FIELDS = [
  'plain',
  '',
  ' leading space',
  'trailing space ',
  '  both  ',
  'a,b',
  'a;b',
  'a\tb',
  'say "hi"',
  '"',
  'line\nbreak',
  'carriage\rreturn',
  'windows\r\nline',
  ' ", \r\n; \t" ',
];

test('quoteField quotes only a field holding the delimiter, the quote, CR or LF, doubling inner quotes', () => {
  assert.equal(quoteField('plain', ','), 'plain');
  assert.equal(quoteField(' padded ', ','), ' padded ');
  assert.equal(quoteField('a,b', ','), '"a,b"');
  assert.equal(quoteField('a,b', ';'), 'a,b');
  assert.equal(quoteField('a;b', ';'), '"a;b"');
  assert.equal(quoteField('say "hi"', ','), '"say ""hi"""');
  assert.equal(quoteField('x\ry', ','), '"x\ry"');
  assert.equal(quoteField('x\ny', ','), '"x\ny"');
  assert.equal(quoteField("it's", ',', "'"), "'it''s'");
});

test('the CSV writer in src/io quotes with the same function as the webview copy', () => {
  assert.equal(writer.quoteField, quoteField);
  assert.equal(writer.formatRecord, formatRecord);
});

test('formatRecord records of hard fields read back unchanged through the tokenizer, in every delimiter', () => {
  for (const delimiter of [',', ';', '\t', '|']) {
    for (const lineEnding of ['\n', '\r\n']) {
      const rows = [HARD_FIELDS, [...HARD_FIELDS].reverse()];
      const text = rows.map((row) => formatRecord(row, delimiter, '"', lineEnding)).join('');
      assert.deepEqual(read(text, delimiter), rows, `delimiter ${JSON.stringify(delimiter)}`);
    }
  }
});

test('tableAsCsv (the panel copy) reads back unchanged through the tokenizer and through csv-parse', () => {
  const rows = [['column', 'mean', 'note'], ...HARD_FIELDS.map((field, i) => [field, String(i / 3), field])];
  const text = tableAsCsv(rows);
  assert.deepEqual(read(text, ','), rows);
  assert.deepEqual(parse(text, { relax_column_count: false }), rows);
});

test('tableAsCsv round-trips any field of hard characters (property)', () => {
  const field = fc
    .array(fc.constantFrom('a', ' ', ',', '"', '\n', '\r', '\r\n', ';', 'é', '😀'), { maxLength: 8 })
    .map((parts) => parts.join(''));
  fc.assert(
    fc.property(
      fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
      (body) => {
        const width = body[0].length;
        const rows = [
          Array.from({ length: width }, (_, i) => `c${i}`),
          ...body.map((r) => r.slice(0, width).concat(Array(Math.max(0, width - r.length)).fill(''))),
        ];
        assert.deepEqual(read(tableAsCsv(rows), ','), rows);
      },
    ),
  );
});

test('tableAsMarkdown escapes pipes and turns line breaks into spaces, one line per row', () => {
  const text = tableAsMarkdown([
    ['column', 'mean'],
    ['a|b', 'x\r\ny'],
  ]);
  assert.equal(text, '| column | mean |\n|---|---|\n| a\\|b | x y |\n');
});
