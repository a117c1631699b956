import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { CsvTokenizer, parseDecimalBytes, tokenizeBytes } from '../../../src/io/csv/tokenizer';
import { InputError } from '../../../src/io/errors';
import { CsvTableBuilder } from '../../../src/io/csv/table';
import { DEFAULT_DIALECT } from '../../../src/io/csv/dialect';

const encode = (text: string) => new TextEncoder().encode(text);

/** Tokenizes `bytes` fed in pieces cut at `cuts` (so records and UTF-8 sequences straddle chunks). */
function tokenizeInPieces(bytes: Uint8Array, cuts: number[]): string[][] {
  const records: string[][] = [];
  const tokenizer = new CsvTokenizer(','.charCodeAt(0), (fields) => records.push(fields));
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  let start = 0;
  for (const point of [...points, bytes.length]) {
    tokenizer.push(bytes.subarray(start, point));
    start = point;
  }
  tokenizer.end();
  return records;
}

const fieldText = fc
  .array(fc.constantFrom('a', 'b', 'Z', '1', '.', ' ', ',', '"', '\n', '\r\n', 'é', '€', '😀', ';'), {
    maxLength: 6,
  })
  .map((parts) => parts.join(''));

/** RFC 4180 serialization: quote when needed, double inner quotes. */
function serialize(records: string[][], newline: string): string {
  return records
    .map((record) => record.map((f) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(','))
    .join(newline);
}

test('CsvTokenizer agrees with csv-parse on generated RFC 4180 files in random chunks (fast-check)', () => {
  // Records with a single empty field are blank lines, which we skip (as pandas); csv-parse keeps them.
  const record = fc
    .array(fieldText, { minLength: 1, maxLength: 5 })
    .filter((r) => r.length > 1 || r[0] !== '');
  fc.assert(
    fc.property(
      fc.array(record, { minLength: 1, maxLength: 8 }),
      fc.constantFrom('\n', '\r\n'),
      fc.boolean(),
      fc.boolean(),
      fc.array(fc.nat(), { maxLength: 6 }),
      (records, newline, bom, trailingNewline, cuts) => {
        const text = (bom ? '\ufeff' : '') + serialize(records, newline) + (trailingNewline ? newline : '');
        const expected: string[][] = parse(text, { bom: true, relax_column_count: true });
        assert.deepEqual(tokenizeInPieces(encode(text), cuts), expected);
      },
    ),
    { numRuns: 400 },
  );
});

test('CsvTokenizer reads quoted delimiters, doubled quotes, embedded newlines and a lone CR as a line end', () => {
  const records = tokenizeBytes(encode('a,"b,c","say ""hi""\nbye"\rx,y\r\n\n"z"\n'), ',');
  assert.deepEqual(
    records.map((r) => [r.line, ...r.fields]),
    [
      [1, 'a', 'b,c', 'say "hi"\nbye'],
      [3, 'x', 'y'],
      [5, 'z'],
    ],
  );
});

test('CsvTokenizer names line and column of an unterminated quote, a NUL byte, bad UTF-8 and stray quotes', () => {
  const failure = (text: Uint8Array | string) => {
    try {
      tokenizeBytes(typeof text === 'string' ? encode(text) : text, ',');
    } catch (error) {
      assert.ok(error instanceof InputError);
      return error.message;
    }
    assert.fail('expected an InputError');
  };
  assert.equal(failure('a,b\n1,"2\n3,4\n'), '2:3: unterminated quoted field (the closing quote is missing)');
  assert.match(failure('a,b\n1,\u0000\n'), /^2:3: binary file/);
  assert.match(failure(Uint8Array.from([0x61, 0x2c, 0xff, 0x0a])), /^1:\d+: binary or non-UTF-8/);
  assert.match(failure('a,b"c\n'), /^1:4: quote inside an unquoted field/);
  assert.match(failure('"a"b\n'), /^1:4: text after a closing quote/);
});

test('CsvTokenizer throws nothing but InputError on arbitrary bytes (fast-check)', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), fc.array(fc.nat(), { maxLength: 4 }), (bytes, cuts) => {
      try {
        tokenizeInPieces(bytes, cuts);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
      }
    }),
    { numRuns: 1000 },
  );
});

test('parseDecimalBytes equals Number(text) bit for bit whenever it answers, and answers for short decimals (fast-check)', () => {
  const decimal = fc
    .tuple(
      fc.constantFrom('', '-', '+'),
      fc.stringMatching(/^[0-9]{0,10}$/),
      fc.option(fc.stringMatching(/^[0-9]{0,10}$/)),
      fc.option(
        fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '-', '+'), fc.integer({ min: 0, max: 30 })),
      ),
    )
    .map(
      ([sign, int, frac, exp]) =>
        `${sign}${int}${frac === null ? '' : `.${frac}`}${exp === null ? '' : `${exp[0]}${exp[1]}${exp[2]}`}`,
    );
  fc.assert(
    fc.property(
      fc.oneof(decimal, fc.double({ noNaN: true, noDefaultInfinity: true }).map(String)),
      (text) => {
        const bytes = encode(text);
        const fast = parseDecimalBytes(bytes, 0, bytes.length);
        if (fast === undefined) return;
        assert.ok(Object.is(fast, Number(text)), `${text}: ${fast} vs ${Number(text)}`);
      },
    ),
    { numRuns: 5000 },
  );
  for (const text of ['-123.456789', '0.5', '1e-3', '.25', '42', '-0', '999999999999999']) {
    assert.equal(parseDecimalBytes(encode(text), 0, text.length), Number(text), text);
  }
  for (const text of [
    '',
    '-',
    '.',
    'e5',
    '1e',
    'inf',
    'NaN',
    ' 1',
    '1 ',
    '0x10',
    '1_000',
    '1234567890123456',
  ]) {
    assert.equal(parseDecimalBytes(encode(text), 0, text.length), undefined, text);
  }
});

test('CsvTokenizer in view mode yields the same records as string mode, across chunk splits (fast-check)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(fieldText, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
      fc.array(fc.nat(), { maxLength: 5 }),
      (records, cuts) => {
        const bytes = encode(serialize(records, '\r\n'));
        const viewed: string[][] = [];
        const lines: number[] = [];
        const tokenizer = new CsvTokenizer(','.charCodeAt(0), {
          view: (record) => (viewed.push(record.strings()), lines.push(record.line)),
        });
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        let start = 0;
        for (const point of [...points, bytes.length]) {
          tokenizer.push(bytes.subarray(start, point));
          start = point;
        }
        tokenizer.end();
        const strings = tokenizeBytes(bytes, ',');
        assert.deepEqual(
          viewed,
          strings.map((r) => r.fields),
        );
        assert.deepEqual(
          lines,
          strings.map((r) => r.line),
        );
      },
    ),
    { numRuns: 300 },
  );
});

test('records of plain decimals parsed inline give the same table as the string path, for any chunking (fast-check)', () => {
  const decimal = fc
    .tuple(
      fc.constantFrom('', '-', '+'),
      fc.stringMatching(/^[0-9]{1,18}$/),
      fc.option(fc.stringMatching(/^[0-9]{0,9}$/)),
    )
    .map(([sign, whole, fraction]) => `${sign}${whole}${fraction === null ? '' : `.${fraction}`}`);
  const field = fc.oneof(
    { weight: 8, arbitrary: decimal },
    { weight: 1, arbitrary: fc.constantFrom('', 'NA', '1e5', '"2.5"', ' 3', 'inf', 'x') },
  );
  fc.assert(
    fc.property(
      fc.array(fc.array(field, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 30 }),
      fc.constantFrom('\n', '\r\n', '\r'),
      fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
      (rows, newline, cuts) => {
        const text = ['a,b,c', ...rows.map((r) => r.join(','))].join(newline) + newline;
        const bytes = new TextEncoder().encode(text);
        const dialect = DEFAULT_DIALECT;
        const tableBy = (fast: boolean) => {
          const builder = new CsvTableBuilder(dialect, { expectedRows: fast ? rows.length : 0 });
          const tokenizer = new CsvTokenizer(0x2c, fast ? builder.tokenizerSinks : builder.accept);
          for (let at = 0, k = 0; at < bytes.length; k++) {
            const next = Math.min(bytes.length, at + cuts[k % cuts.length]);
            tokenizer.push(bytes.subarray(at, next));
            at = next;
          }
          tokenizer.end();
          return builder.finish();
        };
        const fast = tableBy(true);
        const strings = tableBy(false);
        assert.equal(fast.rowCount, strings.rowCount);
        fast.columns.forEach((column, j) => {
          const other = strings.columns[j];
          assert.deepEqual(
            [column.kind, column.count, column.missing],
            [other.kind, other.count, other.missing],
          );
          assert.deepEqual(Array.from(column.values), Array.from(other.values), `column ${j}`);
          column.values.forEach((v, i) =>
            assert.ok(Object.is(v, other.values[i]), `column ${j} row ${i}: ${v}`),
          );
        });
      },
    ),
    { numRuns: 400 },
  );
});

test('inline decimals at the 2^53 mantissa bound equal Number(text): exact below it, the string path above', () => {
  const texts = [
    '900719925474099.1', // mantissa 2^53 − 1: Clinger's fast path
    '900719925474099.2', // mantissa 2^53: the string path
    '9007199254740993', // 2^53 + 1, not a float64
    '-0.0000000000000000000001', // 10^-22
    '0.00000000000000000000001', // 10^-23: the string path
    '123456789012345.67',
    '-0',
  ];
  const bytes = new TextEncoder().encode(`a\n${texts.join('\n')}\n`);
  const builder = new CsvTableBuilder(DEFAULT_DIALECT, { expectedRows: texts.length });
  const tokenizer = new CsvTokenizer(0x2c, builder.tokenizerSinks);
  tokenizer.push(bytes);
  tokenizer.end();
  const values = Array.from(builder.finish().columns[0].values);
  texts.forEach((text, i) => assert.ok(Object.is(values[i], Number(text)), `${text}: ${values[i]}`));
});
