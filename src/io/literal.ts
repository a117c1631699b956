/**
 * Array literals as selected in an editor: JSON (`[[1, 2], [3, 4]]`, null = missing), Python nested lists
 * and tuples (`float('nan')`, `True`), NumPy reprs (`array([1., nan], dtype=float32)`, `np.array(...)`)
 * and PyTorch reprs (`tensor([[1.0000]], dtype=torch.float64)`). A small recursive-descent parser that
 * tracks line and column, so ragged nesting or a stray token is an InputError pointing at it. No eval.
 */
import { InputError } from './errors';

export type LiteralStyle = 'json' | 'python' | 'numpy' | 'torch';

export interface ArrayLiteral {
  data: Float64Array;
  shape: number[];
  style: LiteralStyle;
  /** The dtype argument as written (`float32`, `torch.float64`), when there is one. */
  dtype?: string;
}

type TokenKind = 'punct' | 'number' | 'name' | 'string' | 'ellipsis' | 'end';
interface Token {
  kind: TokenKind;
  text: string;
  line: number;
  column: number;
}

const NAME = /[A-Za-z_][A-Za-z0-9_.]*/y;
const NUMBER = /(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?/y;
const STRING = /'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/y;

function tokenize(text: string, source?: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      line++;
      lineStart = i + 1;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    const column = i - lineStart + 1;
    const match = (re: RegExp) => {
      re.lastIndex = i;
      return re.exec(text)?.[0];
    };
    let token: Token | undefined;
    if (text.startsWith('...', i)) token = { kind: 'ellipsis', text: '...', line, column };
    else if ('[](),=+-'.includes(c)) token = { kind: 'punct', text: c, line, column };
    else {
      const number = match(NUMBER);
      const name = number === undefined ? match(NAME) : undefined;
      const string = number === undefined && name === undefined ? match(STRING) : undefined;
      if (number !== undefined) token = { kind: 'number', text: number, line, column };
      else if (name !== undefined) token = { kind: 'name', text: name, line, column };
      else if (string !== undefined) token = { kind: 'string', text: string, line, column };
    }
    if (!token)
      throw new InputError(
        `unexpected character ${JSON.stringify(c)} in an array literal`,
        source,
        line,
        column,
      );
    tokens.push(token);
    i += token.text.length;
  }
  tokens.push({ kind: 'end', text: '', line, column: i - lineStart + 1 });
  return tokens;
}

type Node = { kind: 'list'; items: Node[]; token: Token } | { kind: 'number'; value: number; token: Token };

const CONSTRUCTORS: Record<string, LiteralStyle> = {
  array: 'numpy',
  'np.array': 'numpy',
  'numpy.array': 'numpy',
  'np.asarray': 'numpy',
  tensor: 'torch',
  'torch.tensor': 'torch',
};

const NAMED_VALUES: Record<string, number> = {
  nan: NaN,
  NaN: NaN,
  'np.nan': NaN,
  'numpy.nan': NaN,
  'math.nan': NaN,
  inf: Infinity,
  Infinity: Infinity,
  'np.inf': Infinity,
  'numpy.inf': Infinity,
  'math.inf': Infinity,
  True: 1,
  False: 0,
  true: 1,
  false: 0,
  null: NaN,
};

class Parser {
  private at = 0;
  pythonic = false;

  constructor(
    private readonly tokens: Token[],
    private readonly source?: string,
  ) {}

  peek(): Token {
    return this.tokens[this.at];
  }

  next(): Token {
    return this.tokens[this.at++];
  }

  fail(token: Token, detail: string): never {
    throw new InputError(detail, this.source, token.line, token.column);
  }

  expect(text: string): Token {
    const token = this.next();
    if (token.text !== text) this.fail(token, `expected '${text}', found ${describe(token)}`);
    return token;
  }

  value(): Node {
    const token = this.peek();
    if (token.kind === 'ellipsis') {
      this.fail(
        token,
        'summarised repr (...) cannot be read; print with np.set_printoptions(threshold=sys.maxsize) or torch.set_printoptions(profile="full")',
      );
    }
    if (token.text === '[' || token.text === '(') return this.sequence();
    return this.scalar();
  }

  private sequence(): Node {
    const open = this.next();
    const close = open.text === '[' ? ']' : ')';
    const items: Node[] = [];
    let sawComma = false;
    while (this.peek().text !== close) {
      items.push(this.value());
      if (this.peek().text === ',') {
        this.next();
        sawComma = true;
      } else if (this.peek().text !== close) {
        this.fail(this.peek(), `expected ',' or '${close}', found ${describe(this.peek())}`);
      }
    }
    this.next();
    if (open.text === '(') {
      this.pythonic = true;
      // (x) is x in Python; only (x,) and (x, y) are tuples.
      if (items.length === 1 && !sawComma) return items[0];
    }
    return { kind: 'list', items, token: open };
  }

  private scalar(): Node {
    const token = this.next();
    if (token.text === '-' || token.text === '+') {
      const inner = this.scalar();
      if (inner.kind !== 'number') this.fail(token, 'a sign must precede a number');
      return { kind: 'number', value: token.text === '-' ? -inner.value : inner.value, token };
    }
    if (token.kind === 'number') {
      const value = Number(token.text.replaceAll('_', ''));
      if (Number.isNaN(value)) this.fail(token, `'${token.text}' is not a number`);
      if (/^[a-zA-Z_]/.test(this.peek().text) && this.peek().column === token.column + token.text.length) {
        this.fail(
          this.peek(),
          `'${token.text}${this.peek().text}' is not a real number (complex and suffixed numbers are not supported)`,
        );
      }
      return { kind: 'number', value, token };
    }
    if (token.kind === 'name') {
      if (token.text === 'float' && this.peek().text === '(') {
        this.pythonic = true;
        this.next();
        const argument = this.next();
        this.expect(')');
        const text = argument.kind === 'string' ? argument.text.slice(1, -1).trim().toLowerCase() : '';
        const value = {
          nan: NaN,
          inf: Infinity,
          '+inf': Infinity,
          '-inf': -Infinity,
          infinity: Infinity,
          '-infinity': -Infinity,
        }[text];
        if (value === undefined) this.fail(argument, `float(${argument.text}) is not nan or inf`);
        return { kind: 'number', value, token };
      }
      if (token.text in NAMED_VALUES) {
        if (!['null', 'true', 'false'].includes(token.text)) this.pythonic = true;
        return { kind: 'number', value: NAMED_VALUES[token.text], token };
      }
      if (token.text === 'None')
        this.fail(token, 'None is not a number (use float("nan") for a missing value)');
    }
    this.fail(token, `expected a number or a list, found ${describe(token)}`);
  }

  /** `name(value, kw=..., ...)` for the array constructors. */
  call(): { node: Node; style: LiteralStyle; dtype?: string } {
    const name = this.next();
    const style = CONSTRUCTORS[name.text];
    this.expect('(');
    const node = this.value();
    let dtype: string | undefined;
    while (this.peek().text === ',') {
      this.next();
      if (this.peek().text === ')') break;
      const key = this.next();
      if (key.kind !== 'name') this.fail(key, `expected a keyword argument, found ${describe(key)}`);
      this.expect('=');
      const value = this.next();
      if (value.kind === 'end') this.fail(value, 'expected a value');
      if (key.text === 'dtype') dtype = value.kind === 'string' ? value.text.slice(1, -1) : value.text;
    }
    this.expect(')');
    return { node, style, dtype };
  }
}

function describe(token: Token): string {
  return token.kind === 'end' ? 'the end of the text' : `'${token.text}'`;
}

/** Shape of a node; throws at the first sub-list whose length or depth differs from its siblings'. */
function shapeOf(node: Node, parser: Parser, depth = 0): number[] {
  if (node.kind === 'number') return [];
  if (node.items.length === 0) return [0];
  const first = shapeOf(node.items[0], parser, depth + 1);
  for (const item of node.items.slice(1)) {
    const shape = shapeOf(item, parser, depth + 1);
    if (shape.length !== first.length) {
      parser.fail(
        item.token,
        `ragged nesting: a ${shape.length === 0 ? 'number' : 'list'} where its siblings at depth ${depth + 1} are ${first.length === 0 ? 'numbers' : 'lists'}`,
      );
    }
    const differs = shape.findIndex((extent, axis) => extent !== first[axis]);
    if (differs >= 0) {
      parser.fail(
        item.token,
        `ragged nesting: expected ${first[0]} items at depth ${depth + 1}, found ${shape[0]}`,
      );
    }
  }
  return [node.items.length, ...first];
}

function flatten(node: Node, out: number[]): void {
  if (node.kind === 'number') out.push(node.value);
  else for (const item of node.items) flatten(item, out);
}

/**
 * Parses an array literal. Example: parseArrayLiteral("array([[1., 2.], [3., nan]])") →
 * { data: [1, 2, 3, NaN], shape: [2, 2], style: 'numpy' }.
 */
export function parseArrayLiteral(text: string, source?: string): ArrayLiteral {
  const parser = new Parser(tokenize(text, source), source);
  const first = parser.peek();
  if (first.kind === 'end') parser.fail(first, 'empty selection: expected an array literal');
  let node: Node;
  let style: LiteralStyle;
  let dtype: string | undefined;
  if (first.kind === 'name' && first.text in CONSTRUCTORS) {
    ({ node, style, dtype } = parser.call());
  } else {
    node = parser.value();
    style = 'json';
  }
  const end = parser.peek();
  if (end.kind !== 'end') parser.fail(end, `unexpected ${describe(end)} after the array literal`);
  if (style === 'json' && parser.pythonic) style = 'python';
  const shape = shapeOf(node, parser);
  const values: number[] = [];
  flatten(node, values);
  return { data: Float64Array.from(values), shape, style, ...(dtype ? { dtype } : {}) };
}

const SPELLING: Record<LiteralStyle, { nan: string; inf: string; open: string; close: string }> = {
  json: { nan: 'null', inf: '', open: '', close: '' },
  python: { nan: "float('nan')", inf: "float('inf')", open: '', close: '' },
  numpy: { nan: 'np.nan', inf: 'np.inf', open: 'np.array(', close: ')' },
  torch: { nan: "float('nan')", inf: "float('inf')", open: 'torch.tensor(', close: ')' },
};

/**
 * Writes values of a shape back in a literal style, numbers printed so they read back exactly.
 * JSON has no infinity, so ±Infinity in the json style is a RangeError (NaN is written as null).
 */
export function formatArrayLiteral(
  data: ArrayLike<number>,
  shape: readonly number[],
  style: LiteralStyle,
): string {
  const spelling = SPELLING[style];
  const size = shape.reduce((n, extent) => n * extent, 1);
  if (size !== data.length)
    throw new RangeError(
      `formatArrayLiteral: shape [${shape.join(', ')}] needs ${size} values, got ${data.length}`,
    );
  const number = (v: number): string => {
    if (Number.isNaN(v)) return spelling.nan;
    if (!Number.isFinite(v)) {
      if (style === 'json')
        throw new RangeError('formatArrayLiteral: JSON cannot hold Infinity; use the python style');
      return v > 0 ? spelling.inf : style === 'numpy' ? `-${spelling.inf}` : "float('-inf')";
    }
    return Object.is(v, -0) ? '-0.0' : String(v);
  };
  let at = 0;
  const nest = (axis: number): string => {
    if (axis === shape.length) return number(data[at++]);
    const items = Array.from({ length: shape[axis] }, () => nest(axis + 1));
    return `[${items.join(', ')}]`;
  };
  return `${spelling.open}${nest(0)}${spelling.close}`;
}
