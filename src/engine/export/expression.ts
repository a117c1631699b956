/**
 * A small expression tree for a fitted transform, rendered to every SQL dialect and to PySpark. It
 * spells out the engine's own float64 operations in the engine's order (x·scale + min, (x - mean)/σ,
 * numpy.interp's slope·(x - xp[j]) + fp[j]), so a database computing in IEEE doubles gets the same bits.
 * A NULL input gives NULL: every operation propagates NULL and every comparison with NULL is false.
 */
export type Expr =
  | { op: 'column'; name: string }
  | { op: 'number'; value: number }
  | { op: 'null' }
  | { op: 'add' | 'sub' | 'mul' | 'div' | 'pow'; left: Expr; right: Expr }
  | { op: 'neg' | 'abs' | 'sqrt' | 'ln'; arg: Expr }
  /** The largest argument, NULL when any argument is NULL (unlike some dialects' GREATEST). */
  | { op: 'greatest'; args: Expr[] }
  | { op: 'case'; whens: { when: Condition; then: Expr }[]; otherwise: Expr };

/** The arithmetic operators, as SQL and Python both spell them. */
export const ARITHMETIC = { add: '+', sub: '-', mul: '*', div: '/' } as const;

export type Condition =
  { op: 'lt' | 'le' | 'gt' | 'ge' | 'eq'; left: Expr; right: Expr } | { op: 'is-null'; arg: Expr };

export const column = (name: string): Expr => ({ op: 'column', name });
export const num = (value: number): Expr => ({ op: 'number', value });
export const NULL: Expr = { op: 'null' };
export const isNull = (arg: Expr): Condition => ({ op: 'is-null', arg });
export const add = (left: Expr, right: Expr): Expr => ({ op: 'add', left, right });
export const sub = (left: Expr, right: Expr): Expr => ({ op: 'sub', left, right });
export const mul = (left: Expr, right: Expr): Expr => ({ op: 'mul', left, right });
export const div = (left: Expr, right: Expr): Expr => ({ op: 'div', left, right });
export const pow = (left: Expr, right: Expr): Expr => ({ op: 'pow', left, right });
export const neg = (arg: Expr): Expr => ({ op: 'neg', arg });
export const abs = (arg: Expr): Expr => ({ op: 'abs', arg });
export const sqrt = (arg: Expr): Expr => ({ op: 'sqrt', arg });
export const ln = (arg: Expr): Expr => ({ op: 'ln', arg });
export const greatest = (args: Expr[]): Expr => (args.length === 1 ? args[0] : { op: 'greatest', args });
export const lt = (left: Expr, right: Expr): Condition => ({ op: 'lt', left, right });
export const gt = (left: Expr, right: Expr): Condition => ({ op: 'gt', left, right });
export const ge = (left: Expr, right: Expr): Condition => ({ op: 'ge', left, right });
export const le = (left: Expr, right: Expr): Condition => ({ op: 'le', left, right });
export const eq = (left: Expr, right: Expr): Condition => ({ op: 'eq', left, right });

export function caseOf(whens: { when: Condition; then: Expr }[], otherwise: Expr): Expr {
  return whens.length === 0 ? otherwise : { op: 'case', whens, otherwise };
}

/** Σ terms from the left, as a loop `acc += term` starting from the first term. */
export function sumOf(terms: Expr[]): Expr {
  return terms.reduce((acc, term) => add(acc, term));
}

/**
 * One stage of a transform: each output column's expression over the previous stage's columns (the
 * table's for the first). Most methods are one stage; a second stage names a value the next
 * expression uses several times (the quantile transform's uniform value before Φ⁻¹) without repeating it.
 */
export type Stage = Expr[];
