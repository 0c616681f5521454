/**
 * A view model repeats the same strings thousands of times (criterion reasons, outcomes, tags).
 * Packing stores each repeated string once and puts `{"$s": index}` where it stood; unpacking
 * gives back exactly the value that was packed. No string of the model is ever read as a
 * reference: only an object whose one key is `$s` holding a whole number is.
 */
export interface Packed {
  strings: string[];
  data: unknown;
}

const MIN_LENGTH = 4;

export function packStrings(value: unknown): Packed {
  const counts = new Map<string, number>();
  walk(value, (s) => {
    if (s.length >= MIN_LENGTH) counts.set(s, (counts.get(s) ?? 0) + 1);
  });
  const strings = [...counts].filter(([, n]) => n > 1).map(([s]) => s);
  const index = new Map(strings.map((s, i) => [s, i]));
  return { strings, data: replaceStrings(value, index) };
}

/**
 * `JSON.stringify(packStrings(value))`, without building the packed copy: each repeated string
 * becomes its reference as it is written. A run of 100k calls has a model of some hundred thousand
 * objects, and a second, packed copy of it was what a report's memory peaked on.
 */
export function stringifyPacked(value: unknown): string {
  const counts = new Map<string, number>();
  walk(value, (s) => {
    if (s.length >= MIN_LENGTH) counts.set(s, (counts.get(s) ?? 0) + 1);
  });
  const strings = [...counts].filter(([, n]) => n > 1).map(([s]) => s);
  counts.clear();
  const index = new Map(strings.map((s, i) => [s, i]));
  return JSON.stringify({ strings, data: value }, function (this: unknown, _key: string, v: unknown): unknown {
    // The table itself is written as it is; everything else refers to it.
    if (this === strings) return v;
    if (typeof v === 'string') {
      const i = index.get(v);
      return i === undefined ? v : { $s: i };
    }
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && isReference(v)) throw new Error('packStrings: the value already holds a {"$s": n} object');
    return v;
  });
}

export function unpackStrings(packed: Packed): unknown {
  return restore(packed.data, packed.strings);
}

function walk(value: unknown, visit: (s: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const v of value) walk(v, visit);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) walk(v, visit);
}

function replaceStrings(value: unknown, index: ReadonlyMap<string, number>): unknown {
  if (typeof value === 'string') {
    const i = index.get(value);
    return i === undefined ? value : { $s: i };
  }
  if (Array.isArray(value)) return value.map((v) => replaceStrings(v, index));
  if (value !== null && typeof value === 'object') {
    if (isReference(value)) throw new Error('packStrings: the value already holds a {"$s": n} object');
    // fromEntries keeps a key such as "__proto__" as a plain key.
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceStrings(v, index)]));
  }
  return value;
}

function isReference(value: object): value is { $s: number } {
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === '$s' && Number.isInteger((value as { $s: unknown }).$s);
}

function restore(value: unknown, strings: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => restore(v, strings));
  if (value !== null && typeof value === 'object') {
    if (isReference(value)) {
      const s = strings[value.$s];
      if (s === undefined) throw new Error(`packed model: no string ${value.$s}`);
      return s;
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, restore(v, strings)]));
  }
  return value;
}
