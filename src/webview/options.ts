/** The option controls of each scaling method, read from the method table (as the engine names them). */
import { SCALING_METHODS } from '../engine/scale/registry';
import type { MethodOption } from '../engine/scale/method-options';

export type OptionField = MethodOption;

export const METHOD_OPTIONS: Readonly<Record<string, readonly OptionField[]>> = Object.fromEntries(
  SCALING_METHODS.map((m) => [m.method, m.options]),
);
