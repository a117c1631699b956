/**
 * The second core's work (worker-bundle.ts): printing half of a batch of numbers as CSV lines, or
 * reading the second half of a large CSV into columns. One task at a time, answered in order.
 */
import { parentPort } from 'node:worker_threads';
import { formatNumericLines } from '../csv/writer';
import { CsvTableBuilder } from '../csv/table';
import { CsvTokenizer } from '../csv/tokenizer';
import { streamFile } from './read-file';
import type { ParseResult, ParseTask, WorkerTask } from './worker-bundle';

async function parse({
  file,
  start,
  end,
  delimiter,
  expectedRows,
  keepRows,
}: ParseTask): Promise<ParseResult> {
  try {
    const builder = new CsvTableBuilder({ delimiter, header: false }, { expectedRows, keepRows });
    const tokenizer = new CsvTokenizer(delimiter.charCodeAt(0), builder.tokenizerSinks);
    await streamFile(file, (chunk) => tokenizer.push(chunk), { start, end });
    tokenizer.end();
    const table = builder.finish();
    return {
      ok: true,
      rowCount: table.rowCount,
      firstRows: table.firstRows,
      columns: table.columns.map((c) => ({
        numeric: c.kind === 'numeric',
        count: c.count,
        missing: c.missing,
        values: c.values,
      })),
    };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

parentPort!.on('message', (request: WorkerTask) => {
  if (request.task === 'format') {
    const { data, rows, cols, slots, delimiter } = request;
    parentPort!.postMessage(formatNumericLines(data, rows, cols, slots, delimiter));
    return;
  }
  void parse(request).then((result) =>
    parentPort!.postMessage(
      result,
      result.ok ? result.columns.map((c) => c.values.buffer as ArrayBuffer) : [],
    ),
  );
});
