/**
 * Bytes of a file in its dialect to records: its encoding turned into UTF-8, the line-level parts of the
 * dialect applied (line-filter.ts, only when needed), then the tokenizer. Push chunks, then end().
 */
import type { Dialect } from './dialect';
import { Utf8Transcoder } from './encoding';
import { LineFilter, needsLineFilter } from './line-filter';
import { CsvTokenizer, type RecordSink, type ViewSinks } from './tokenizer';

export class CsvRecordSource {
  private readonly transcoder: Utf8Transcoder | null;
  private readonly filter: LineFilter | null;
  private readonly tokenizer: CsvTokenizer;

  constructor(dialect: Dialect, sink: RecordSink | ViewSinks) {
    const transcoder = new Utf8Transcoder(dialect.encoding);
    this.transcoder = transcoder.passesThrough ? null : transcoder;
    this.filter = needsLineFilter(dialect) ? new LineFilter(dialect) : null;
    this.tokenizer = new CsvTokenizer(dialect.delimiter.charCodeAt(0), sink, dialect.quote.charCodeAt(0));
  }

  push(chunk: Uint8Array): void {
    let bytes = this.transcoder ? this.transcoder.push(chunk) : chunk;
    if (this.filter) bytes = this.filter.push(bytes);
    this.tokenizer.push(bytes);
  }

  /** Ends the input; `complete` false leaves a last record cut by a prefix unread (sniffing, first views). */
  end(complete = true): void {
    if (this.transcoder) {
      const tail = this.transcoder.end();
      this.tokenizer.push(this.filter ? this.filter.push(tail) : tail);
    }
    if (complete) this.tokenizer.end();
  }
}

/** Every record of a whole byte array in `dialect`, with its line. */
export function readRecords(
  bytes: Uint8Array,
  dialect: Dialect,
  complete = true,
): { fields: string[]; line: number }[] {
  const records: { fields: string[]; line: number }[] = [];
  const source = new CsvRecordSource(dialect, (fields, line) => records.push({ fields, line }));
  source.push(bytes);
  source.end(complete);
  return records;
}
