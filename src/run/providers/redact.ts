/**
 * Keys shorter than this are not looked for: a one- to three-character "key" (local servers take
 * any, e.g. "x") guards nothing, and erasing every "x" from the replies would corrupt what is scored.
 */
export const MIN_REDACTED_KEY_LENGTH = 4;

/**
 * Removes secrets from text before it can reach results, reports or the terminal: each key in
 * every form a server may echo it in — as is, JSON-escaped (once, or twice when a JSON body is
 * quoted inside another), percent-encoded (either case of hex digits, `+` or `%20` for a space) —
 * and anything shaped like a bearer token or API key.
 */
export function makeRedactor(secrets: (string | undefined)[]): (text: string) => string {
  const keys = secrets.filter((s): s is string => typeof s === 'string' && s.length >= MIN_REDACTED_KEY_LENGTH);
  const patterns = [...new Set(keys.flatMap(formsOf))].sort((a, b) => b.length - a.length).map(toPattern);
  const anyKey = patterns.length === 0 ? undefined : new RegExp(patterns.join('|'), 'g');
  return (text) => {
    const out = anyKey ? text.replace(anyKey, '[redacted]') : text;
    return out.replace(/\b(sk|pk|rk)-[A-Za-z0-9_-]{8,}/g, '[redacted]').replace(/\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]');
  };
}

function formsOf(key: string): string[] {
  const json = JSON.stringify(key).slice(1, -1);
  const url = encodeURIComponent(key);
  return [key, json, JSON.stringify(json).slice(1, -1), url, url.replaceAll('%20', '+')];
}

/** A literal, except that a percent-escape matches in either case (%2f as well as %2F). */
function toPattern(form: string): string {
  return form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%([0-9A-F])([0-9A-F])/g, (_, a: string, b: string) => `%${either(a)}${either(b)}`);
}

function either(hex: string): string {
  return /[A-F]/.test(hex) ? `[${hex}${hex.toLowerCase()}]` : hex;
}
