/**
 * A call's arguments bound to the parameter names of the layer it builds: keywords by name, positionals
 * in the table's order, after any a `functools.partial` already holds; literals read as values,
 * anything else kept as the expression written.
 */
import type { Node } from 'web-tree-sitter';

export type Literal = number | number[] | null | boolean | string;

/** A literal argument's value, or its text when it is an expression. */
export function literal(node: Node): Literal {
  switch (node.type) {
    case 'integer':
    case 'float':
      return Number(node.text.replaceAll('_', ''));
    case 'unary_operator': {
      const operand = node.childForFieldName('argument');
      const value = operand ? literal(operand) : node.text;
      return typeof value === 'number' && node.text.startsWith('-')
        ? -value
        : typeof value === 'number'
          ? value
          : node.text;
    }
    case 'none':
      return null;
    case 'true':
      return true;
    case 'false':
      return false;
    case 'tuple':
    case 'list': {
      const items = node.namedChildren.filter((c): c is Node => c !== null).map(literal);
      return items.every((v) => typeof v === 'number') ? items : node.text;
    }
    case 'parenthesized_expression':
      return node.namedChildren[0] ? literal(node.namedChildren[0]) : node.text;
    default:
      return node.text;
  }
}

/** The arguments of a call's argument list, without comments. */
export function argumentNodes(argumentList: Node | null): Node[] {
  return (argumentList?.namedChildren ?? []).filter(
    (child): child is Node => child !== null && child.type !== 'comment',
  );
}

export interface BoundArguments {
  /** Arguments as written, in order (a partial's first). */
  written: string[];
  values: Map<string, Literal>;
  /** Keyword arguments' value nodes, by name (to say where an expression comes from). */
  expressions: Map<string, Node>;
}

/** Binds arguments to the positional parameter names, keywords by their own names. */
export function bindArguments(positional: readonly string[], nodes: readonly Node[]): BoundArguments {
  const written: string[] = [];
  const values = new Map<string, Literal>();
  const expressions = new Map<string, Node>();
  let position = 0;
  for (const child of nodes) {
    written.push(child.text);
    if (child.type === 'keyword_argument') {
      const name = child.childForFieldName('name')!.text;
      const value = child.childForFieldName('value')!;
      values.set(name, literal(value));
      expressions.set(name, value);
    } else if (child.type !== 'list_splat' && child.type !== 'dictionary_splat') {
      const name = positional[position++];
      if (name) {
        values.set(name, literal(child));
        expressions.set(name, child);
      }
    }
  }
  return { written, values, expressions };
}

/** A function's parameters in order (self included), each with its default's node. */
export function parameterNodes(fn: Node | undefined): { name: string; default: Node | null }[] {
  const found: { name: string; default: Node | null }[] = [];
  for (const p of fn?.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!p) continue;
    const name =
      p.type === 'identifier'
        ? p
        : p.type === 'typed_parameter'
          ? p.namedChildren.find((c) => c?.type === 'identifier')
          : p.childForFieldName('name');
    if (name?.type === 'identifier') found.push({ name: name.text, default: p.childForFieldName('value') });
  }
  return found;
}

/** Where a site's hover and inlay hint go: the layer's name, and just after the call's closing parenthesis. */
export function sitePosition(call: Node, name: Node) {
  return {
    line: name.startPosition.row + 1,
    column: name.startPosition.column + 1,
    endColumn: name.endPosition.column + 1,
    callEndLine: call.endPosition.row + 1,
    callEndColumn: call.endPosition.column + 1,
  };
}
