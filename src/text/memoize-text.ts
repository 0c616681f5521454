/**
 * A pure function of one string, remembered: the criteria read the same item many times over
 * (its stems for echo, relevance, unique, fragments and topic; its ending for action and
 * question form), and prompts repeat call after call. Bounded: past `max` entries it starts
 * afresh, so a long run's memory stays flat (a few MB at most with real replies, all distinct).
 * Results must be treated as read-only.
 */
export function memoizeText<T>(compute: (text: string) => T, max = 2_000): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    const hit = known.get(text);
    if (hit !== undefined) return hit;
    const value = compute(text);
    if (known.size >= max) known.clear();
    known.set(text, value);
    return value;
  };
}
