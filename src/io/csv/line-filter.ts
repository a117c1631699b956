/**
 * The line-level parts of a dialect, applied to UTF-8 bytes before the tokenizer: preamble lines and
 * comment lines are emptied (their line ends kept, so the tokenizer's line numbers stay the file's and
 * it skips them as blank), runs of spaces and tabs become one space (whitespace-delimited files; leading
 * and trailing ones dropped), and a delimiter right before a line end is dropped (trailing delimiter).
 * Quoted text passes untouched. Used only when the dialect needs one of these: clean files skip it.
 */
import type { Dialect } from './dialect';

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

export function needsLineFilter(dialect: Dialect): boolean {
  return (
    dialect.skipLines > 0 ||
    dialect.comment !== null ||
    dialect.delimiter === ' ' ||
    dialect.trailingDelimiter
  );
}

export class LineFilter {
  private readonly whitespace: boolean;
  private readonly trailing: number;
  private readonly comment: number;
  private readonly quote: number;
  private readonly delimiter: number;
  /** Only preamble lines to drop: once past them, chunks pass through untouched. */
  private readonly skipOnly: boolean;
  private line = 1;
  private dropping: boolean;
  private lineStart = true;
  private inQuote = false;
  private afterCR = false;
  private pending = false;

  constructor(private readonly dialect: Dialect) {
    this.whitespace = dialect.delimiter === ' ';
    this.delimiter = dialect.delimiter.charCodeAt(0);
    this.trailing = dialect.trailingDelimiter && !this.whitespace ? this.delimiter : -1;
    this.comment = dialect.comment ? dialect.comment.charCodeAt(0) : -1;
    this.quote = dialect.quote.charCodeAt(0);
    this.skipOnly = !this.whitespace && this.trailing < 0 && this.comment < 0;
    this.dropping = dialect.skipLines > 0;
  }

  push(chunk: Uint8Array): Uint8Array {
    if (this.skipOnly && !this.dropping) return chunk;
    const out = new Uint8Array(chunk.length + 1);
    let n = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === LF || b === CR) {
        const continuesCRLF = b === LF && this.afterCR;
        this.afterCR = b === CR;
        out[n++] = b;
        if (continuesCRLF) continue;
        this.line++;
        if (this.inQuote) continue;
        this.pending = false;
        this.lineStart = true;
        this.dropping = this.line <= this.dialect.skipLines;
        if (this.skipOnly && !this.dropping) {
          out.set(chunk.subarray(i + 1), n);
          return out.subarray(0, n + chunk.length - i - 1);
        }
        continue;
      }
      this.afterCR = false;
      if (this.inQuote) {
        if (b === this.quote) this.inQuote = false;
        out[n++] = b;
        continue;
      }
      if (this.dropping) continue;
      const blank = b === SPACE || b === TAB;
      if (this.lineStart) {
        if (this.whitespace && blank) continue;
        if (b === this.comment) {
          this.dropping = true;
          continue;
        }
        this.lineStart = false;
      }
      if (this.whitespace && blank) {
        this.pending = true;
        continue;
      }
      if (b === this.trailing) {
        if (this.pending) out[n++] = b;
        this.pending = true;
        continue;
      }
      if (this.pending) {
        out[n++] = this.delimiter;
        this.pending = false;
      }
      if (b === this.quote) this.inQuote = true;
      out[n++] = b;
    }
    return out.subarray(0, n);
  }
}
