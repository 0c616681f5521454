/**
 * The candidate a mistyped name most likely meant ("concurency" → "concurrency", "antropic" →
 * "anthropic"), or undefined when none is close: at most a third of the name's letters differ
 * (one letter for short names), case aside.
 */
export function closestName(name: string, candidates: readonly string[], nameOf: (candidate: string) => string = (c) => c): string | undefined {
  const wanted = name.toLowerCase();
  let best: { candidate: string; distance: number; length: number } | undefined;
  for (const candidate of candidates) {
    const other = nameOf(candidate);
    const distance = editDistance(wanted, other.toLowerCase());
    if (distance === 0 && candidate === name) return undefined;
    // Earlier candidates win ties: callers list the likelier ones first.
    if (best === undefined || distance < best.distance) best = { candidate, distance, length: other.length };
  }
  if (best === undefined) return undefined;
  const allowed = Math.max(1, Math.floor(Math.max(wanted.length, best.length) / 3));
  return best.distance <= allowed ? best.candidate : undefined;
}

/** ` (did you mean "x"?)`, or nothing. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const match = closestName(name, candidates);
  return match === undefined ? '' : ` (did you mean "${match}"?)`;
}

/** Levenshtein distance with adjacent transpositions, on code points; names are short. */
function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const rows = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      const row = rows[i] ?? [];
      const previous = rows[i - 1] ?? [];
      let value = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) value = Math.min(value, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row[j] = value;
    }
  }
  return rows[x.length]?.[y.length] ?? 0;
}
