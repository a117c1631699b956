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

export class CsvTokenizer {
  private state = State.FieldStart;
  private field = new Uint8Array(256);
  private fieldLength = 0;
  private fields: string[] = [];
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

  constructor(
    private readonly delimiter: number,
    private readonly onRecord: RecordSink,
  ) {}

  push(chunk: Uint8Array): void {
    if (this.head !== null) {
      // Hold the first bytes until we know whether they are a BOM.
      for (const b of chunk) this.head.push(b);
      if (this.head.length < BOM.length) return;
      const bytes = Uint8Array.from(this.head);
      this.head = null;
      this.consume(BOM.every((b, i) => bytes[i] === b) ? bytes.subarray(BOM.length) : bytes);
      return;
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
          if (b === CR || b === LF) {
            if (this.recordHasContent) {
              this.endField();
              this.endRecord();
            }
            this.newline(b);
            break;
          }
          this.startRecord();
          if (b === QUOTE) {
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
          if (b === delimiter) {
            this.endField();
            this.state = State.FieldStart;
          } else if (b === CR || b === LF) {
            this.endField();
            this.endRecord();
            this.state = State.FieldStart;
            this.newline(b);
          } else if (b === QUOTE) {
            throw new InputError(
              'quote inside an unquoted field (quote the whole field and double inner quotes)',
              undefined,
              this.line,
              this.column,
            );
          } else {
            this.append(b);
            i = this.scanUnquoted(chunk, i + 1) - 1;
          }
          break;
        case State.Quoted:
          if (b === QUOTE) {
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
          if (b === QUOTE) {
            this.append(QUOTE);
            this.state = State.Quoted;
          } else if (b === delimiter) {
            this.endField();
            this.state = State.FieldStart;
          } else if (b === CR || b === LF) {
            this.endField();
            this.endRecord();
            this.state = State.FieldStart;
            this.newline(b);
          } else {
            throw new InputError('text after a closing quote', undefined, this.line, this.column);
          }
          break;
      }
    }
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
    let end = start;
    let columns = 0;
    while (end < chunk.length) {
      const c = chunk[end];
      if (c === delimiter || c === LF || c === CR || c === QUOTE || c === 0) break;
      if ((c & 0xc0) !== 0x80) columns++;
      end++;
    }
    const length = end - start;
    if (length > 0) {
      while (this.fieldLength + length > this.field.length) this.grow();
      this.field.set(chunk.subarray(start, end), this.fieldLength);
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
    if (this.fieldLength === this.field.length) this.grow();
    this.field[this.fieldLength++] = b;
  }

  private endField(): void {
    let text: string;
    try {
      text = this.fieldLength === 0 ? '' : this.decoder.decode(this.field.subarray(0, this.fieldLength));
    } catch {
      throw new InputError(
        'binary or non-UTF-8 data (fields must be UTF-8 text)',
        undefined,
        this.line,
        this.column,
      );
    }
    this.fields.push(text);
    this.fieldLength = 0;
  }

  private endRecord(): void {
    const fields = this.fields;
    this.fields = [];
    this.recordHasContent = false;
    this.onRecord(fields, this.recordLine);
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
