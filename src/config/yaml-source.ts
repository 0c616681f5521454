import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { Problem } from '../errors.ts';
import { describeAliasFailure, MAX_ALIAS_COUNT } from './locate-alias-error.ts';

/** A parsed YAML file that can say on which line a key path stands. */
export interface YamlSource {
  file: string;
  data: unknown;
  /** Line (1-based) of the node at `path`, or of its nearest existing parent. */
  lineOf(path: readonly PropertyKey[], key?: string): number | undefined;
}

export type YamlParse = { ok: true; source: YamlSource } | { ok: false; problems: Problem[] };

export function parseYaml(text: string, file: string): YamlParse {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // An unclosed quote or bracket is found at the end of the file: point at the last line with text.
    const lastLine = text.trimEnd().split('\n').length;
    const problems: Problem[] = [];
    for (const e of doc.errors) {
      const line = Math.min(lineCounter.linePos(e.pos[0]).line, lastLine);
      // One mistake often trips several parser errors on the same line; the first says it best.
      if (!problems.some((p) => p.line === line)) problems.push({ file, line, message: `bad YAML: ${firstLine(e.message)}` });
    }
    return { ok: false, problems };
  }
  const lineAt = (offset: number | undefined) =>
    offset === undefined ? undefined : lineCounter.linePos(offset).line;
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // Unresolved aliases and alias bombs only surface here, as a throw without a position.
    const failure = describeAliasFailure(doc, e);
    return { ok: false, problems: [{ file, line: lineAt(failure.offset) ?? 1, message: `bad YAML: ${failure.message}` }] };
  }
  return {
    ok: true,
    source: {
      file,
      data,
      lineOf: (path, key) => lineAt(offsetOf(doc, path, key)),
    },
  };
}

function offsetOf(doc: Document, path: readonly PropertyKey[], key?: string): number | undefined {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (const segment of key === undefined ? path : [...path, key]) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return offset;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
      // A nested map or list starts on the line after its key: the key's line reads better.
      if (isScalar(node)) offset = rangeStart(node) ?? offset;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) return offset;
      node = item;
      offset = rangeStart(item) ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  if (node && typeof node === 'object' && 'range' in node) {
    const range = (node as { range?: [number, number, number] | null }).range;
    return range?.[0];
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
