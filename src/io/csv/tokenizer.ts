/**
 * A streaming RFC 4180 tokenizer over bytes: push chunks as they arrive (a record may span chunks), call
 * end() at end of input. Quoted fields may hold delimiters, doubled quotes and newlines; CRLF, LF and lone
 * CR end records; a UTF-8 BOM is skipped; blank lines are skipped (as pandas does). Fields are decoded as
 * UTF-8 one at a time, so the input is never turned into one string. Errors are InputErrors located at the
 * 1-based line and character column of the offending byte.
 */
import { InputError } from '../errors';

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const BOM = [0xef, 0xbb, 0xbf];

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

/** Receives each record's fields and the line it starts on. */
export type RecordSink = (fields: string[], line: number) => void;

/** Receives each record as a view over its bytes (valid only during the call): the fast path. */
export type RecordViewSink = (record: RecordView) => void;

/**
 * The fastest path: a record made only of plain decimals, already parsed (`values[0..count)`, valid only
 * during the call). Returns false to refuse it (the header, a kept row, a field count that differs); the
 * tokenizer then hands the same record to the view sink.
 */
export type NumericRecordSink = (values: Float64Array, count: number, line: number) => boolean;

/** The sinks of the byte-level paths: every record as a view, and all-number records parsed inline. */
export interface ViewSinks {
  view: RecordViewSink;
  numbers?: NumericRecordSink;
}

const POWERS_OF_TEN = Float64Array.from({ length: 23 }, (_, k) => 10 ** k);
/** 2^53 − 1: every integer up to it is a float64. */
const MAX_EXACT_MANTISSA = Number.MAX_SAFE_INTEGER;

/**
 * A plain decimal (`-123.456`, `1e-3`, `.5`) read straight from ASCII bytes, correctly rounded by
 * Clinger's fast path: at most 15 significant digits and a power of ten within 10^±22, so one exact
 * multiplication or division rounds once. Anything else (more digits, inf, NA, spaces, text) returns
 * undefined and the caller takes the string path, which is exact for every input.
 */
export function parseDecimalBytes(
  bytes: Uint8Array,
  start: number,
  end: number,
  decimalByte = 0x2e,
): number | undefined {
  let i = start;
  let negative = false;
  if (i < end && (bytes[i] === 0x2d || bytes[i] === 0x2b)) negative = bytes[i++] === 0x2d;
  let mantissa = 0;
  let significant = 0;
  let exponent = 0;
  let digits = 0;
  for (; i < end; i++) {
    const d = bytes[i] - 48;
    if (d < 0 || d > 9) break;
    digits++;
    if (significant > 0 || d !== 0) {
      if (++significant > 15) return undefined;
      mantissa = mantissa * 10 + d;
    }
  }
  if (i < end && bytes[i] === decimalByte) {
    for (i++; i < end; i++) {
      const d = bytes[i] - 48;
      if (d < 0 || d > 9) break;
      digits++;
      exponent--;
      if (significant > 0 || d !== 0) {
        if (++significant > 15) return undefined;
        mantissa = mantissa * 10 + d;
      }
    }
  }
  if (digits === 0) return undefined;
  if (i < end && (bytes[i] === 0x65 || bytes[i] === 0x45)) {
    i++;
    let exponentNegative = false;
    if (i < end && (bytes[i] === 0x2d || bytes[i] === 0x2b)) exponentNegative = bytes[i++] === 0x2d;
    let value = 0;
    let count = 0;
    for (; i < end; i++) {
      const d = bytes[i] - 48;
      if (d < 0 || d > 9 || ++count > 4) return undefined;
      value = value * 10 + d;
    }
    if (count === 0) return undefined;
    exponent += exponentNegative ? -value : value;
  }
  if (i !== end) return undefined;
  if (mantissa === 0) return negative ? -0 : 0;
  if (exponent < -22 || exponent > 22) return undefined;
  const value = exponent >= 0 ? mantissa * POWERS_OF_TEN[exponent] : mantissa / POWERS_OF_TEN[-exponent];
  return negative ? -value : value;
}

/** One record's fields as byte ranges of the tokenizer's buffer; decoded only when asked. */
export class RecordView {
  bytes: Uint8Array = new Uint8Array(0);
  ends: number[] = [];
  line = 1;
  constructor(private readonly decoder: { decode(bytes: Uint8Array): string }) {}

  get length(): number {
    return this.ends.length;
  }

  start(j: number): number {
    return j === 0 ? 0 : this.ends[j - 1];
  }

  isEmpty(j: number): boolean {
    return this.start(j) === this.ends[j];
  }

  text(j: number): string {
    return this.isEmpty(j) ? '' : this.decoder.decode(this.bytes.subarray(this.start(j), this.ends[j]));
  }

  /** The field as a plain decimal read from bytes, or undefined when it needs the string path. */
  number(j: number, decimalByte = 0x2e): number | undefined {
    return parseDecimalBytes(this.bytes, this.start(j), this.ends[j], decimalByte);
  }

  strings(): string[] {
    return this.ends.map((_, j) => this.text(j));
  }
}

export class CsvTokenizer {
  private state = State.FieldStart;
  private field = new Uint8Array(256);
  /** Bytes of the current record (view mode) or field (string mode). */
  private fieldLength = 0;
  private fieldStart = 0;
  private fieldNonAscii = false;
  private fields: string[] = [];
  private readonly view: RecordView;
  private recordHasContent = false;
  private recordLine = 1;
  private line = 1;
  private column = 0;
  private quoteLine = 0;
  private quoteColumn = 0;
  private pendingCR = false;
  private quotedCR = false;
  private head: number[] | null = [];
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  private readonly onRecord: RecordSink | undefined;
  private readonly onView: RecordViewSink | undefined;
  private readonly onNumbers: NumericRecordSink | undefined;
  private numbers = new Float64Array(64);

  /** `onRecord` receives strings; pass `{ view, numbers? }` for the byte-level fast paths. */
  /** `quote`: the byte that quotes fields (`"` by default; `'` for single-quoted files). */
  constructor(
    private readonly delimiter: number,
    sink: RecordSink | ViewSinks,
    private readonly quote: number = QUOTE,
  ) {
    if (typeof sink === 'function') this.onRecord = sink;
    else {
      this.onView = sink.view;
      this.onNumbers = sink.numbers;
    }
    this.view = new RecordView(this.decoder);
  }

  push(chunk: Uint8Array): void {
    if (this.head !== null) {
      // Hold the first bytes (only as many as a BOM has) until we know whether they are one.
      const taken = Math.min(BOM.length - this.head.length, chunk.length);
      for (let i = 0; i < taken; i++) this.head.push(chunk[i]);
      if (this.head.length < BOM.length) return;
      const bytes = Uint8Array.from(this.head);
      this.head = null;
      if (!BOM.every((b, i) => bytes[i] === b)) this.consume(bytes);
      chunk = chunk.subarray(taken);
    }
    this.consume(chunk);
  }

  end(): void {
    if (this.head !== null) {
      const bytes = Uint8Array.from(this.head);
      this.head = null;
      const isBomPrefix = bytes.every((b, i) => BOM[i] === b);
      if (!isBomPrefix || bytes.length === 0) this.consume(bytes);
    }
    if (this.state === State.Quoted) {
      throw new InputError(
        'unterminated quoted field (the closing quote is missing)',
        undefined,
        this.quoteLine,
        this.quoteColumn,
      );
    }
    if (this.recordHasContent) {
      this.endField();
      this.endRecord();
    }
  }

  private consume(chunk: Uint8Array): void {
    const delimiter = this.delimiter;
    const quote = this.quote;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (this.pendingCR) {
        this.pendingCR = false;
        if (b === LF) continue;
      }
      if (b === 0)
        throw new InputError('binary file: NUL byte in text', undefined, this.line, this.column + 1);
      if ((b & 0xc0) !== 0x80) this.column++;
      switch (this.state) {
        case State.FieldStart:
          if (this.onNumbers && !this.recordHasContent && b !== CR && b !== LF) {
            const next = this.numericRecord(chunk, i);
            if (next >= 0) {
              i = next - 1;
              break;
            }
          }
          if (b === CR || b === LF) {
            if (this.recordHasContent) {
              this.endField();
              this.endRecord();
            }
            this.newline(b);
            break;
          }
          this.startRecord();
          if (b === quote) {
            this.state = State.Quoted;
            this.quoteLine = this.line;
            this.quoteColumn = this.column;
          } else if (b === delimiter) {
            this.endField();
          } else {
            this.state = State.Unquoted;
            this.append(b);
            i = this.scanUnquoted(chunk, i + 1) - 1;
          }
          break;
        case State.Unquoted:
          if (this.fieldEnds(b, delimiter)) break;
          if (b === quote) {
            throw new InputError(
              'quote inside an unquoted field (quote the whole field and double inner quotes)',
              undefined,
              this.line,
              this.column,
            );
          }
          this.append(b);
          i = this.scanUnquoted(chunk, i + 1) - 1;
          break;
        case State.Quoted:
          if (b === quote) {
            this.state = State.QuoteInQuoted;
          } else {
            this.append(b);
            // A newline inside quotes is data, but still a new line of the file for error positions.
            if (b === LF ? !this.quotedCR : b === CR) {
              this.line++;
              this.column = 0;
            }
            this.quotedCR = b === CR;
          }
          break;
        case State.QuoteInQuoted:
          if (b === quote) {
            this.append(quote);
            this.state = State.Quoted;
          } else if (!this.fieldEnds(b, delimiter)) {
            throw new InputError('text after a closing quote', undefined, this.line, this.column);
          }
          break;
      }
    }
  }

  /**
   * The fastest path, tried at each record start: a record of plain decimals ([+-]digits[.digits], at
   * most 15 significant digits — Clinger's exact range, as parseDecimalBytes) parsed in the same pass that
   * finds its delimiters, up to its line end within this chunk. Returns the index after the record, or −1
   * (having changed nothing) for anything else — a quote, an empty field, an exponent, text, a record
   * running past the chunk — which the state machine then reads byte by byte.
   */
  private numericRecord(chunk: Uint8Array, start: number): number {
    const delimiter = this.delimiter;
    const n = chunk.length;
    let values = this.numbers;
    let count = 0;
    let p = start;
    for (;;) {
      let negative = false;
      let c = chunk[p];
      if (c === 0x2d || c === 0x2b) {
        negative = c === 0x2d;
        p++;
      }
      // Integer digits, then fraction digits: one compare per byte. The mantissa is exact while it
      // stays below 2^53 (once past, it never comes back under), which is Clinger's condition.
      let mantissa = 0;
      const integerStart = p;
      for (; p < n; p++) {
        const digit = chunk[p] - 0x30;
        if (digit >>> 0 > 9) break;
        mantissa = mantissa * 10 + digit;
      }
      let digits = p - integerStart;
      let fraction = 0;
      if (p < n && chunk[p] === 0x2e) {
        const fractionStart = ++p;
        for (; p < n; p++) {
          const digit = chunk[p] - 0x30;
          if (digit >>> 0 > 9) break;
          mantissa = mantissa * 10 + digit;
        }
        fraction = p - fractionStart;
        digits += fraction;
      }
      if (p >= n || digits === 0 || mantissa > MAX_EXACT_MANTISSA || fraction > 22) return -1;
      c = chunk[p];
      const magnitude = fraction === 0 ? mantissa : mantissa / POWERS_OF_TEN[fraction];
      if (count === values.length) {
        const grown = new Float64Array(count * 2);
        grown.set(values);
        this.numbers = values = grown;
      }
      values[count++] = negative ? -magnitude : magnitude;
      if (c === delimiter) {
        p++;
        continue;
      }
      if (c !== LF && c !== CR) return -1;
      if (!this.onNumbers!(values, count, this.line)) return -1;
      this.line++;
      this.column = 0;
      p++;
      if (c === CR) {
        if (p < n && chunk[p] === LF) p++;
        else if (p >= n) this.pendingCR = true;
      }
      return p;
    }
  }

  /** A delimiter or a line end after a field ends it (and, a line end, the record); false for other bytes. */
  private fieldEnds(b: number, delimiter: number): boolean {
    if (b === delimiter) this.endField();
    else if (b === CR || b === LF) {
      this.endField();
      this.endRecord();
      this.newline(b);
    } else return false;
    this.state = State.FieldStart;
    return true;
  }

  private startRecord(): void {
    if (!this.recordHasContent) {
      this.recordHasContent = true;
      this.recordLine = this.line;
    }
  }

  private newline(b: number): void {
    this.line++;
    this.column = 0;
    if (b === CR) this.pendingCR = true;
  }

  /**
   * The hot path: copies the rest of an unquoted field in one go, up to (not including) the next byte
   * the state machine must see (delimiter, CR, LF, quote, NUL), and returns that byte's index.
   */
  private scanUnquoted(chunk: Uint8Array, start: number): number {
    const delimiter = this.delimiter;
    const quote = this.quote;
    let end = start;
    let columns = 0;
    while (end < chunk.length) {
      const c = chunk[end];
      if (c === delimiter || c === LF || c === CR || c === quote || c === 0) break;
      if (c >= 0x80) this.fieldNonAscii = true;
      if ((c & 0xc0) !== 0x80) columns++;
      end++;
    }
    const length = end - start;
    if (length > 0) {
      while (this.fieldLength + length > this.field.length) this.grow();
      const field = this.field;
      // Most fields are a few bytes: a loop beats creating a subarray view for set().
      if (length < 32)
        for (let k = 0, at = this.fieldLength; k < length; k++) field[at + k] = chunk[start + k];
      else field.set(chunk.subarray(start, end), this.fieldLength);
      this.fieldLength += length;
      this.column += columns;
    }
    return end;
  }

  private grow(): void {
    const grown = new Uint8Array(this.field.length * 2);
    grown.set(this.field);
    this.field = grown;
  }

  private append(b: number): void {
    if (b >= 0x80) this.fieldNonAscii = true;
    if (this.fieldLength === this.field.length) this.grow();
    this.field[this.fieldLength++] = b;
  }

  private endField(): void {
    let text = '';
    // ASCII needs no validation; other bytes are decoded now so bad UTF-8 is reported where it is.
    if (this.fieldLength > this.fieldStart && (this.onRecord || this.fieldNonAscii)) {
      try {
        text = this.decoder.decode(this.field.subarray(this.fieldStart, this.fieldLength));
      } catch {
        throw new InputError(
          'binary or non-UTF-8 data (the file was read as UTF-8; name its encoding with --encoding, e.g. windows-1252)',
          undefined,
          this.line,
          this.column,
        );
      }
    }
    this.fieldNonAscii = false;
    if (this.onRecord) {
      this.fields.push(text);
      this.fieldLength = 0;
    } else {
      this.view.ends.push(this.fieldLength);
      this.fieldStart = this.fieldLength;
    }
  }

  private endRecord(): void {
    this.recordHasContent = false;
    if (this.onRecord) {
      const fields = this.fields;
      this.fields = [];
      this.onRecord(fields, this.recordLine);
      return;
    }
    const view = this.view;
    view.bytes = this.field;
    view.line = this.recordLine;
    this.onView!(view);
    view.ends.length = 0;
    this.fieldLength = 0;
    this.fieldStart = 0;
  }
}

/** Tokenizes a whole byte array (tests, sniffing, selections); returns records with their start lines. */
export function tokenizeBytes(bytes: Uint8Array, delimiter: string): { fields: string[]; line: number }[] {
  const records: { fields: string[]; line: number }[] = [];
  const tokenizer = new CsvTokenizer(delimiter.charCodeAt(0), (fields, line) =>
    records.push({ fields, line }),
  );
  tokenizer.push(bytes);
  tokenizer.end();
  return records;
}
