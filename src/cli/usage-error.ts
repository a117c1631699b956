/** A bad command line: names the flag (or argument) and the value, printed as `normscope: --flag: what`. */
export class UsageError extends Error {
  constructor(
    readonly flag: string,
    detail: string,
  ) {
    super(`${flag}: ${detail}`);
    this.name = 'UsageError';
  }
}
