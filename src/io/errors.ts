/**
 * Bad input: a message that names where the problem is, formatted `<file>:<line>:<column>: <what>`
 * (each location part only when known; line and column are 1-based, column counts characters).
 * Every reader throws only this type for bad input.
 */
export class InputError extends Error {
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
