import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sniffDialect } from '../../../src/io/csv/sniffer';
import { CsvRecordSource } from '../../../src/io/csv/record-source';
import { CsvTableBuilder, type CsvTable } from '../../../src/io/csv/table';
import { encodeText, bomBytes } from '../../../src/io/csv/encoding';
import { readingHints, type Delimiter, type Encoding } from '../../../src/io/csv/dialect';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Sniffs `bytes` and reads them whole, as readCsvTable does for a file. */
function readBytes(bytes: Uint8Array, overrides = {}): CsvTable {
  const { dialect, report } = sniffDialect(bytes, true, { overrides });
  const builder = new CsvTableBuilder(dialect, { keepRows: 3 });
  const source = new CsvRecordSource(dialect, builder.tokenizerSinks);
  source.push(bytes);
  source.end();
  return builder.finish(report);
}

const numbers = (table: CsvTable, j: number) => Array.from(table.columns[j].values);

test('sniffDialect skips a metadata line of the same width (scikit-learn iris) and reads no header', () => {
  const table = readBytes(utf8('3,2,setosa,versicolor\n5.1,3.5,1.4,0\n4.9,3.0,1.4,0\n4.7,3.2,1.3,1\n'));
  assert.deepEqual(table.report?.skippedLines, [1]);
  assert.equal(table.report?.headerLine, null);
  assert.equal(table.rowCount, 3);
  assert.deepEqual(numbers(table, 0), [5.1, 4.9, 4.7]);
});

test('sniffDialect finds the header after a mostly empty metadata line (scikit-learn boston)', () => {
  const table = readBytes(utf8('3,2,,\n"A","B","C","D"\n1,2,3,4\n5,6,7,8\n9,10,11,12.5\n'));
  assert.deepEqual([table.report?.skippedLines, table.report?.headerLine], [[1], 2]);
  assert.deepEqual(
    table.columns.map((c) => [c.name, c.kind]),
    [
      ['A', 'numeric'],
      ['B', 'numeric'],
      ['C', 'numeric'],
      ['D', 'numeric'],
    ],
  );
});

test('sniffDialect reads runs of spaces as one delimiter, with a header of names', () => {
  const table = readBytes(utf8('Chins Situps  Jumps\n  5 162 60\n 2   110 60\n12 101 101\n'));
  assert.equal(table.dialect.delimiter, ' ');
  assert.deepEqual(
    table.columns.map((c) => c.name),
    ['Chins', 'Situps', 'Jumps'],
  );
  assert.deepEqual(numbers(table, 1), [162, 110, 101]);
});

test('sniffDialect reads decimal commas with semicolons and names the close comma reading when there is one', () => {
  const table = readBytes(utf8('a;b\n14,23;1,5\n13,2;2,25\n13,16;3,5\n'));
  assert.deepEqual([table.dialect.delimiter, table.dialect.decimal], [';', ',']);
  assert.deepEqual(numbers(table, 0), [14.23, 13.2, 13.16]);
  // every line is also two comma-separated fields: a second reading, scored and reported
  assert.ok(table.report!.alternatives.some((a) => a.delimiter === ','));
});

test('sniffDialect calls two equally good readings close and names both', () => {
  // text only, and every line splits into two fields at `;` and at `,`: nothing tells them apart
  const { report, dialect } = sniffDialect(utf8('name;city, state\nAnn;Paris, FR\nBo;Rome, IT\n'), true);
  assert.equal(report.close, true, JSON.stringify(report));
  assert.deepEqual([dialect.delimiter, report.alternatives[0].delimiter].sort(), [',', ';']);
});

test('sniffDialect skips `#` comment lines between blocks, and keeps `#FF0000` cells as data', () => {
  const blocks = readBytes(utf8('# x y\n1 2\n3 4\n\n# block 2\n5 6\n7 8.5\n'));
  assert.equal(blocks.dialect.comment, '#');
  assert.equal(blocks.rowCount, 4);
  assert.deepEqual(numbers(blocks, 1), [2, 4, 6, 8.5]);
  const colours = readBytes(utf8('colour,value\n#FF0000,1\n#00FF00,2\n'));
  assert.equal(colours.dialect.comment, null);
  assert.equal(colours.rowCount, 2);
});

test('sniffDialect drops a trailing delimiter on every line (no phantom empty column)', () => {
  const table = readBytes(utf8('a,b,c,\n1,2,3,\n4,5,6,\n'));
  assert.equal(table.dialect.trailingDelimiter, true);
  assert.deepEqual(
    table.columns.map((c) => c.name),
    ['a', 'b', 'c'],
  );
  assert.deepEqual(numbers(table, 2), [3, 6]);
});

test('sniffDialect reads single-quoted fields holding the delimiter', () => {
  const table = readBytes(utf8("name,v\n'Smith, J.',1.5\n'Lee, K.',2\n"));
  assert.equal(table.dialect.quote, "'");
  assert.deepEqual(table.firstRows[0], ['Smith, J.', '1.5']);
});

test('sniffDialect decodes Windows-1252, UTF-16 LE and BE with a BOM, and UTF-8 with a BOM (é, ß, –)', () => {
  const text = 'Ort;Wert\nCafé – Süd;1,5\nStraße;2,25\n';
  const cases: [Encoding, Uint8Array][] = [
    ['windows-1252', encodeText(text, 'windows-1252')],
    ['utf-16le', Uint8Array.from([...bomBytes('utf-16le'), ...encodeText(text, 'utf-16le')])],
    ['utf-16be', Uint8Array.from([...bomBytes('utf-16be'), ...encodeText(text, 'utf-16be')])],
    ['utf-8', Uint8Array.from([...bomBytes('utf-8'), ...utf8(text)])],
  ];
  for (const [encoding, bytes] of cases) {
    const table = readBytes(bytes);
    assert.equal(table.dialect.encoding, encoding);
    assert.equal(table.columns[0].name, 'Ort', encoding);
    assert.deepEqual(
      table.firstRows.map((r) => r[0]),
      ['Café – Süd', 'Straße'],
      encoding,
    );
    assert.deepEqual(numbers(table, 1), [1.5, 2.25], encoding);
  }
});

test('sniffDialect keeps what overrides fix: delimiter, decimal, skipped lines, header, missing tokens, thousands', () => {
  const bytes = utf8('junk line\nx|y\n1.234,5|-999\n2,5|7\n');
  const table = readBytes(bytes, {
    delimiter: '|',
    decimal: ',',
    thousands: '.',
    skipLines: 1,
    header: true,
    naValues: ['-999'],
  });
  assert.deepEqual(numbers(table, 0), [1234.5, 2.5]);
  assert.ok(Number.isNaN(numbers(table, 1)[0]));
  assert.equal(numbers(table, 1)[1], 7);
  const noHeader = readBytes(utf8('1,2\n3,4\n'), { header: false });
  assert.equal(noHeader.rowCount, 2);
  const forcedHeader = readBytes(utf8('1,2\n3,4\n'), { header: true });
  assert.deepEqual([forcedHeader.rowCount, forcedHeader.columns[0].name], [1, '1']);
});

/** A field as a writer in `delimiter`/`quote` must write it. */
function quoted(text: string, delimiter: string, quote: string): string {
  const needs =
    text.includes(delimiter) ||
    text.includes(quote) ||
    /[\r\n]/.test(text) ||
    (delimiter === ' ' && /\s/.test(text));
  return needs ? quote + text.replaceAll(quote, quote + quote) + quote : text;
}

test('sniffDialect recovers a random table written in a random dialect, or names it as a close reading (fast-check)', () => {
  const word = fc
    .stringMatching(/^[a-zA-Zéßü][a-zA-Z éß–,;|]{0,8}$/)
    .filter((w) => w.trim() === w && w.length > 0);
  const dialectArb = fc.record({
    delimiter: fc.constantFrom<Delimiter>(',', ';', '\t', '|', ' '),
    decimalComma: fc.boolean(),
    quote: fc.constantFrom('"', "'"),
    preamble: fc.integer({ min: 0, max: 3 }),
    encoding: fc.constantFrom<Encoding>('utf-8', 'utf-16le', 'utf-16be', 'windows-1252'),
    bom: fc.boolean(),
    lineEnding: fc.constantFrom('\n', '\r\n'),
  });
  const tableArb = fc.integer({ min: 2, max: 5 }).chain((cols) =>
    fc.record({
      kinds: fc.array(fc.boolean(), { minLength: cols, maxLength: cols }).map((k) => [true, ...k.slice(1)]),
      names: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z_]{0,6}$/), { minLength: cols, maxLength: cols }),
      rows: fc.array(
        fc.tuple(
          fc.array(fc.integer({ min: -99999, max: 99999 }), { minLength: cols, maxLength: cols }),
          fc.array(word, { minLength: cols, maxLength: cols }),
        ),
        { minLength: 4, maxLength: 25 },
      ),
    }),
  );
  fc.assert(
    fc.property(tableArb, dialectArb, (table, d) => {
      const decimal = d.decimalComma && d.delimiter !== ',' ? ',' : '.';
      const numberText = (n: number) => (n / 100).toFixed(2).replace('.', decimal);
      const lines = Array.from({ length: d.preamble }, (_, k) => `EXPORT_${k}`);
      lines.push(table.names.join(d.delimiter));
      for (const [values, words] of table.rows)
        lines.push(
          table.kinds
            .map((numeric, j) => (numeric ? numberText(values[j]) : quoted(words[j], d.delimiter, d.quote)))
            .join(d.delimiter),
        );
      const text = lines.join(d.lineEnding) + d.lineEnding;
      const body = d.encoding === 'utf-8' ? utf8(text) : encodeText(text, d.encoding);
      const bom = d.bom || d.encoding.startsWith('utf-16') ? bomBytes(d.encoding) : new Uint8Array(0);
      const read = readBytes(Uint8Array.from([...bom, ...body]));
      const where = JSON.stringify({ d, dialect: read.dialect, report: read.report, text });
      if (read.dialect.delimiter !== d.delimiter) {
        // never silently: a wrong pick must have been called close, naming the written delimiter
        assert.ok(read.report?.close, where);
        assert.ok(
          read.report.alternatives.some((a) => a.delimiter === d.delimiter),
          where,
        );
        return;
      }
      assert.equal(read.rowCount, table.rows.length, where);
      assert.deepEqual(
        read.columns.map((c) => c.name),
        table.names,
        where,
      );
      table.kinds.forEach((numeric, j) => {
        if (!numeric) return;
        assert.equal(read.columns[j].kind, 'numeric', where);
        assert.deepEqual(
          numbers(read, j),
          table.rows.map(([values]) => Number((values[j] / 100).toFixed(2))),
          where,
        );
      });
    }),
    { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
  );
});

test('sniffDialect leaves digit-grouped numbers as text unless asked, and names the flag that reads them', () => {
  const text = 'Ort;Umsatz\nA;1.234,5\nB;12.345,75\nC;999\n';
  const table = readBytes(utf8(text));
  assert.equal(table.columns[1].kind, 'text');
  assert.deepEqual(table.report?.digitGroups, [
    { column: 2, separator: '.', flags: "--thousands '.' --decimal ','" },
  ]);
  assert.deepEqual(readingHints(table.report), [
    "column 2 holds numbers with '.' between digit groups and is read as text; --thousands '.' --decimal ',' reads it as numbers",
  ]);
  assert.deepEqual(readingHints(table.report, 'zh-cn'), [
    "第 2 列的数字在数位分组之间用 '.' 分隔，因此按文本读取；--thousands '.' --decimal ',' 可将其按数字读取",
  ]);
  const asked = readBytes(utf8(text), { thousands: '.' });
  assert.deepEqual(numbers(asked, 1), [1234.5, 12345.75, 999]);
  assert.deepEqual(asked.report?.digitGroups, []);
  // plain decimals are not digit groups
  assert.deepEqual(readBytes(utf8('a,b\n1.234,x\n2.5,y\n')).report?.digitGroups, []);
});
