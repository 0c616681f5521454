/**
 * A reply over the target's `maxReplyBytes`, raw or decoded: refused while reading, the socket
 * destroyed. Never retried: the same request would bring the same reply.
 */
export class ReplyTooLargeError extends Error {
  constructor(limit: number, what: 'raw' | 'decoded') {
    super(`the reply was refused: its ${what === 'raw' ? 'body' : 'decoded body'} is over ${formatBytes(limit)} (the target's maxReplyBytes)`);
    this.name = 'ReplyTooLargeError';
  }
}

export function formatBytes(n: number): string {
  if (n >= 1 << 20 && n % (1 << 20) === 0) return `${n / (1 << 20)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}
