/** One `<name …>…</name>` pair found in a text; offsets index into that text. */
export interface FoundElement {
  name: string;
  attrs: string;
  start: number;
  innerStart: number;
  innerEnd: number;
  end: number;
}

export interface ElementScan {
  elements: FoundElement[];
  /** Opening tags with no closing tag after them (a truncated or sloppy reply). */
  unclosed: { name: string; start: number }[];
}

// Attributes are bounded so a reply full of `<tag` never makes the regex scan far per attempt.
const MAX_ATTRS = 500;

/**
 * Find non-overlapping `<name …>…</name>` pairs (case-insensitive), pairing each opening tag with
 * the next closing tag of the same name. Linear in the text: a name whose closing tag is missing
 * is searched for once, then dropped from the search, so many unclosed tags cannot make the scan
 * quadratic. `names` are fixed identifiers from this module's callers, never user text.
 */
export function findElements(text: string, names: readonly string[]): ElementScan {
  const closeRes = new Map(names.map((n) => [n.toLowerCase(), new RegExp(`</${n}\\s*>`, 'giu')]));
  const scan: ElementScan = { elements: [], unclosed: [] };
  let live = [...names];
  let openRe = buildOpenRe(live);

  for (let open = openRe.exec(text); open !== null; open = openRe.exec(text)) {
    const name = (open[1] ?? '').toLowerCase();
    const attrs = open[2] ?? '';
    const closeRe = closeRes.get(name);
    if (closeRe === undefined || attrs.trimEnd().endsWith('/')) continue;
    const innerStart = open.index + open[0].length;
    closeRe.lastIndex = innerStart;
    const close = closeRe.exec(text);
    if (close === null) {
      scan.unclosed.push({ name, start: open.index });
      live = live.filter((n) => n.toLowerCase() !== name);
      if (live.length === 0) break;
      openRe = buildOpenRe(live);
      openRe.lastIndex = innerStart;
      continue;
    }
    const end = close.index + close[0].length;
    scan.elements.push({ name, attrs, start: open.index, innerStart, innerEnd: close.index, end });
    openRe.lastIndex = end;
  }
  return scan;
}

function buildOpenRe(names: readonly string[]): RegExp {
  return new RegExp(`<(${names.join('|')})(?=[\\s>/])([^<>]{0,${MAX_ATTRS}})>`, 'giu');
}
