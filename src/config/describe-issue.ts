import type { core } from 'zod';
import type { Problem } from '../errors.ts';
import { cutForMessage, MESSAGE_VALUE_CHARS } from '../text/terminal-text.ts';
import { closestName } from './suggest.ts';
import type { YamlSource } from './yaml-source.ts';

/** Turns zod issues into located, human problems: `cases/a.yaml:14: expect.type: must be one of …`. */
/** The keys the mapping at a path may hold, for "did you mean" on an unknown key. */
export type KnownKeys = (path: readonly PropertyKey[]) => string[];

export function describeIssues(issues: readonly core.$ZodIssue[], source: YamlSource, basePath: PropertyKey[] = [], knownKeys: KnownKeys = () => []): Problem[] {
  return issues.flatMap((issue) => describeIssue(issue, source, basePath, knownKeys));
}

function describeIssue(issue: core.$ZodIssue, source: YamlSource, basePath: PropertyKey[], knownKeys: KnownKeys): Problem[] {
  const path = [...basePath, ...issue.path];
  const at = (p: PropertyKey[], key?: string): Problem => {
    const line = source.lineOf(p, key);
    const full = key === undefined ? p : [...p, key];
    // In a list file (cases, few-shot sets) the line already says which item: `expect.type` reads better than `[3].expect.type`.
    const shown = keyLabel(Array.isArray(source.data) && typeof full[0] === 'number' ? full.slice(1) : full);
    return {
      file: source.file,
      ...(line === undefined ? {} : { line }),
      ...(shown === '' ? {} : { key: shown }),
      message: '',
    };
  };
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => {
        // A nested candidate ("params.temperature") is matched on its own last name.
        const guess = closestName(k, knownKeys(path), (c) => c.slice(c.lastIndexOf('.') + 1));
        return { ...at(path, k), message: guess === undefined ? 'unknown key (check the spelling; see the config reference)' : `unknown key (did you mean "${guess}"?)` };
      });
    case 'invalid_value':
      return [{ ...at(path), message: `must be one of ${issue.values.map(String).join(', ')} (got ${show(issue.input)})${guessOf(issue.input, issue.values)}` }];
    case 'invalid_type':
      return [
        {
          ...at(path),
          message: issue.input === undefined ? `is required (${issue.expected})` : `must be ${article(issue.expected)} (got ${typeName(issue.input)})`,
        },
      ];
    case 'invalid_union': {
      if (issue.discriminator !== undefined && 'options' in issue && issue.options !== undefined) {
        const p = path[path.length - 1] === issue.discriminator ? path : [...path, issue.discriminator];
        const input = issue.input !== null && typeof issue.input === 'object' ? (issue.input as Record<string, unknown>)[issue.discriminator] : issue.input;
        return [{ ...at(p), message: `must be one of ${issue.options.map(String).join(', ')} (got ${show(input)})${guessOf(input, issue.options)}` }];
      }
      // Every branch refused the value's type (`prompts: 3`): name all the types it may have.
      const expected = issue.errors.map((branch) => (branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0 ? branch[0].expected : undefined));
      if (issue.errors.length > 1 && expected.every((e) => e !== undefined) && issue.input !== undefined) {
        return [{ ...at(path), message: `must be ${[...new Set(expected)].map(article).join(' or ')} (got ${typeName(issue.input)})` }];
      }
      // Report the branch that got furthest: its issues are the most specific.
      const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0];
      return best && best.length > 0 ? describeIssues(best, source, path, knownKeys) : [{ ...at(path), message: issue.message }];
    }
    case 'invalid_key': {
      // The path ends with the bad name itself: point at its line, but label the mapping that holds it.
      const inner = issue.issues[0]?.message ?? issue.message;
      const { line } = at(path);
      return [{ ...at(path.slice(0, -1)), ...(line === undefined ? {} : { line }), message: `bad name ${show(issue.input)}: ${inner}` }];
    }
    case 'too_small':
      return [{ ...at(path), message: issue.origin === 'array' ? `needs at least ${issue.minimum} item(s)` : issue.origin === 'string' ? 'must not be empty' : `must be at least ${issue.minimum}` }];
    case 'too_big':
      return [{ ...at(path), message: issue.origin === 'string' ? `is too long: at most ${issue.maximum} characters` : issue.origin === 'array' ? `has too many items: at most ${issue.maximum}` : `must be at most ${issue.maximum}` }];
    default:
      return [{ ...at(path), message: issue.message }];
  }
}

/** "; did you mean …" for a string close to one of the allowed values. */
function guessOf(input: unknown, allowed: readonly unknown[]): string {
  if (typeof input !== 'string') return '';
  const guess = closestName(input, allowed.map(String));
  return guess === undefined ? '' : `; did you mean "${guess}"?`;
}

function depth(issues: readonly core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length + (i.code === 'invalid_type' && i.input === undefined ? 0 : 0.5)));
}

export function keyLabel(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc === '' ? String(seg) : `${acc}.${String(seg)}`), '');
}

/** A value quoted in a message, cut short: a wrong value may be a whole file's text. */
function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  // Cut before stringifying, so a 50 MB string costs nothing here.
  const text = typeof value === 'string' ? JSON.stringify(value.slice(0, MESSAGE_VALUE_CHARS * 2)) : (JSON.stringify(value) ?? String(value));
  return cutForMessage(text);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${show(value)}`;
}

function article(expected: string): string {
  const names: Record<string, string> = { array: 'a list', object: 'a mapping', int: 'a whole number', number: 'a number', string: 'a string', boolean: 'true or false' };
  return names[expected] ?? expected;
}
