/**
 * Removes secrets from text before it can reach results, reports or the terminal: the key
 * itself wherever it appears, and anything shaped like a bearer token or API key.
 */
export function makeRedactor(secrets: (string | undefined)[]): (text: string) => string {
  const keys = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8);
  return (text) => {
    let out = text;
    for (const key of keys) out = out.split(key).join('[redacted]');
    return out
      .replace(/\b(sk|pk|rk)-[A-Za-z0-9_-]{8,}/g, '[redacted]')
      .replace(/\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]');
  };
}
