// One peer computing per-column mean and std of a numeric CSV, in its own process (so its peak RSS is
// its own): node --require ./bench/rss-hook.cjs bench/csv-peer.mjs <papaparse|csv-parse|d3-dsv> <file>
// Prints the result as JSON on stdout. `papaparse-normalize <file> <out>` z-scores the file into <out>.
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { parse as csvParse } from 'csv-parse';
import { csvParseRows } from 'd3-dsv';

/** Values counted per column by the last accumulators (papaparseNormalize's population std). */
let countOf = [];

/** Per-column Welford accumulators, the work every peer does per value. */
function accumulators(columns) {
  const n = new Float64Array(columns);
  countOf = n;
  const mean = new Float64Array(columns);
  const m2 = new Float64Array(columns);
  return {
    add(j, v) {
      if (typeof v !== 'number' || Number.isNaN(v)) return;
      n[j]++;
      const d = v - mean[j];
      mean[j] += d / n[j];
      m2[j] += d * (v - mean[j]);
    },
    result: () => Array.from(mean, (m, j) => ({ mean: m, std: Math.sqrt(m2[j] / (n[j] - 1)) })),
  };
}

/** Streams a CSV through papaparse (numbers typed): the header row to onHeader, each data row to onRow. */
function papaparseRows(file, onHeader, onRow) {
  return new Promise((resolve, reject) => {
    let header = true;
    Papa.parse(createReadStream(file), {
      dynamicTyping: true,
      skipEmptyLines: true,
      step: ({ data }) => {
        if (!header) onRow(data);
        else {
          header = false;
          onHeader(data);
        }
      },
      complete: resolve,
      error: reject,
    });
  });
}

const peers = {
  papaparse: async (file) => {
    let acc;
    await papaparseRows(
      file,
      (names) => (acc = accumulators(names.length)),
      (data) => {
        for (let j = 0; j < data.length; j++) acc.add(j, data[j]);
      },
    );
    return acc.result();
  },
  'csv-parse': (file) =>
    new Promise((resolve, reject) => {
      let acc;
      const parser = createReadStream(file).pipe(csvParse({ from_line: 2, cast: true }));
      parser.on('data', (record) => {
        acc ??= accumulators(record.length);
        for (let j = 0; j < record.length; j++) acc.add(j, record[j]);
      });
      parser.on('end', () => resolve(acc.result()));
      parser.on('error', reject);
    }),
  // d3-dsv has no streaming parser: the whole file as one string, as its users call it.
  'd3-dsv': async (file) => {
    const rows = csvParseRows(readFileSync(file, 'utf8'));
    const acc = accumulators(rows[0].length);
    for (let i = 1; i < rows.length; i++) for (let j = 0; j < rows[i].length; j++) acc.add(j, +rows[i][j]);
    return acc.result();
  },
};

/**
 * papaparse normalizing a file as its users would: one streamed pass for each column's mean and
 * population std (sklearn's StandardScaler), a second that z-scores each row and writes it with
 * Papa.unparse (numbers printed by String, as normscope prints them).
 */
async function papaparseNormalize(file, out) {
  const stats = await peers.papaparse(file);
  const std = stats.map(({ std }, j) => std * Math.sqrt((countOf[j] - 1) / countOf[j]));
  const output = createWriteStream(out);
  let lines = [];
  const flush = () => {
    if (lines.length) output.write(Papa.unparse(lines, { newline: '\n' }) + '\n');
    lines = [];
  };
  await papaparseRows(
    file,
    (names) => lines.push(names),
    (data) => {
      lines.push(data.map((v, j) => (v - stats[j].mean) / std[j]));
      if (lines.length === 4096) flush();
    },
  );
  flush();
  await new Promise((resolve) => output.end(resolve));
  return { rows: countOf[0] };
}

const [tool, file, out] = process.argv.slice(2);
process.stdout.write(
  JSON.stringify(
    tool === 'papaparse-normalize' ? await papaparseNormalize(file, out) : await peers[tool](file),
  ),
);
