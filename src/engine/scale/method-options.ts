/**
 * The options of a scaling method as one typed list: the engine's option name and default, the panel's
 * control and the CLI flag. A checkbox's flag sets the opposite of its default (`--clip` turns clipping
 * on, `--no-center` turns centring off), so the flag name alone says what it does.
 */
interface OptionBase {
  /** The option name the scaler's constructor and the params JSON use. */
  key: string;
  /** The panel's label. */
  label: string;
  /** The CLI flag, without the leading dashes. */
  flag: string;
  /** What the CLI flag's value means, for the usage line. */
  flagHint?: string;
  /** The CLI refuses to run without the flag (the panel starts from `initial`). */
  flagRequired?: boolean;
}

export type MethodOption = OptionBase &
  (
    | { kind: 'checkbox'; initial: boolean }
    | { kind: 'number'; initial: number; integer?: boolean; min?: number; step?: number }
    | { kind: 'pair'; initial: readonly [number, number] }
    | { kind: 'choice'; initial: string; choices: readonly string[] }
  );

/** The CLI flag's parseArgs type: checkboxes are switches, the rest take a value. */
export function flagType(option: MethodOption): 'boolean' | 'string' {
  return option.kind === 'checkbox' ? 'boolean' : 'string';
}

/** Every option at its default, as a scaler's constructor takes them. */
export function defaultOptions(options: readonly MethodOption[]): Record<string, unknown> {
  return Object.fromEntries(
    options.map((o) => [o.key, o.kind === 'pair' ? [...o.initial] : o.initial] as const),
  );
}
