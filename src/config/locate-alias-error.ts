import { visit, type Alias, type Document, type Node } from 'yaml';

/** yaml's guard against "billion laughs" documents: copies of one anchor that `toJS` will make. */
export const MAX_ALIAS_COUNT = 100;

export interface AliasFailure {
  /** Where the blamed alias starts, when one can be named. */
  offset: number | undefined;
  message: string;
}

/**
 * `toJS` throws on an alias it cannot expand, and neither the error nor `doc.errors` says where:
 * find the alias to blame in the tree, so the user gets a line, not a stack trace.
 */
export function describeAliasFailure(doc: Document, error: unknown): AliasFailure {
  const aliases: { alias: Alias; target: Node | undefined }[] = [];
  visit(doc, { Alias: (_key, alias) => void aliases.push({ alias, target: alias.resolve(doc) }) });

  const unresolved = aliases.find((a) => a.target === undefined);
  if (unresolved) {
    const name = unresolved.alias.source;
    return {
      offset: unresolved.alias.range?.[0],
      message: `unknown alias *${name} (set the anchor &${name} before it, or quote the text if "*${name}" is meant literally)`,
    };
  }
  if (error instanceof ReferenceError && aliases.length > 0) {
    return {
      offset: (findNestedAlias(aliases) ?? findOverusedAlias(aliases) ?? aliases[0])?.alias.range?.[0],
      message: `aliases expand to too many copies (over ${MAX_ALIAS_COUNT} of one anchor; aliases inside aliases multiply): write the values out`,
    };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { offset: undefined, message: text.split('\n')[0] ?? text };
}

type Use = { alias: Alias; target: Node | undefined };

/** An alias of a node that itself holds aliases is where copies start to multiply. */
function findNestedAlias(aliases: Use[]): Use | undefined {
  return aliases.find(({ target }) => {
    let nested = false;
    if (target) visit(target, { Alias: () => ((nested = true), visit.BREAK) });
    return nested;
  });
}

/** Without nesting, yaml gives up at the first use past the limit of one anchor (the anchor is a copy too). */
function findOverusedAlias(aliases: Use[]): Use | undefined {
  const copies = new Map<Node | undefined, number>();
  return aliases.find(({ target }) => {
    const count = (copies.get(target) ?? 1) + 1;
    copies.set(target, count);
    return count > MAX_ALIAS_COUNT;
  });
}
