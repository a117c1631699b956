/**
 * A bad option value, naming the parameter (as the engine spells it) and the value received, so each
 * front end can point at its own spelling (the CLI's `--range`, the panel's field).
 */
export class ParameterError extends RangeError {
  constructor(
    readonly op: string,
    readonly parameter: string,
    readonly value: unknown,
    readonly requirement: string,
  ) {
    super(`${op}: ${parameter} (${JSON.stringify(value)}) ${requirement}`);
    this.name = 'ParameterError';
  }

  /** The message without the op and parameter, for a front end that prefixes its own name for it. */
  get detail(): string {
    return `${formatValue(this.value)} ${this.requirement}`;
  }
}

function formatValue(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}
