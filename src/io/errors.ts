/**
 * Bad input: a message that names where the problem is, formatted `<file>:<line>:<column>: <what>`
 * (each location part only when known; line and column are 1-based, column counts characters).
 * Every reader throws only this type for bad input.
 */
const BRAND = Symbol.for('normscope.InputError');

export class InputError extends Error {
  readonly [BRAND] = true;

  /**
   * By brand, not by prototype: the format libraries run from a bundle of their own (dist/formats.cjs)
   * with their own copy of this class, and their errors must still be InputErrors to the CLI and host.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && BRAND in value;
  }

  constructor(
    readonly detail: string,
    readonly file?: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(formatLocation(detail, file, line, column));
    this.name = 'InputError';
  }

  /** The same error located in a file (readers of bytes learn the file name from their caller). */
  inFile(file: string): InputError {
    return this.file === undefined ? new InputError(this.detail, file, this.line, this.column) : this;
  }
}

function formatLocation(detail: string, file?: string, line?: number, column?: number): string {
  const where = [file, line, line !== undefined ? column : undefined].filter((part) => part !== undefined);
  return where.length > 0 ? `${where.join(':')}: ${detail}` : detail;
}
