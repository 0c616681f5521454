// Run by hostile-provider.test.ts in a process of its own, so its peak RSS is the call's alone:
//   node test/e2e/reply-bomb-child.ts gzip|plain|deflate|br
// Prints one JSON line: how the call ended, what the server managed to send, and the peak RSS.
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';
import { createOpenAIProvider } from '../../src/run/providers/openai-provider.ts';
import { ProviderError } from '../../src/run/providers/provider-error.ts';
import { startFakeServer, type RawReply } from '../fake-server/fake-server.ts';

const kind = process.argv[2] ?? 'gzip';
const MiB = 1024 * 1024;
const zeros = Buffer.alloc(MiB);
// A gzip stream may hold many members, each inflated in turn: 1,024 copies of one compressed MiB
// of zeros are 1 GiB once inflated, from about 1 MB on the wire.
const member = gzipSync(zeros);
// One deflate or brotli stream cannot be repeated: 64 MiB of zeros compressed at once, fast settings.
const fast = { level: 1, params: { [constants.BROTLI_PARAM_QUALITY]: 1 } };
const sent = { bytes: 0, clientClosed: false };

function reply(): RawReply {
  switch (kind) {
    case 'plain':
      // 600 MB of JSON-ish text, produced as it is pulled.
      return { fault: 'raw', status: 200, headers: { 'content-type': 'application/json' }, sent, body: () => repeat(zeros.fill(0x20), 600) };
    case 'gzip':
      return { fault: 'raw', status: 200, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, sent, body: () => repeat(member, 1024) };
    case 'deflate':
      return { fault: 'raw', status: 200, headers: { 'content-type': 'application/json', 'content-encoding': 'deflate' }, sent, body: deflateSync(Buffer.alloc(64 * MiB), fast) };
    default:
      return { fault: 'raw', status: 200, headers: { 'content-type': 'application/json', 'content-encoding': 'br' }, sent, body: brotliCompressSync(Buffer.alloc(64 * MiB), fast) };
  }
}

function* repeat(chunk: Buffer, times: number): Iterable<Buffer> {
  for (let i = 0; i < times; i++) yield chunk;
}

const server = await startFakeServer({ responder: () => reply() });
const provider = createOpenAIProvider({ apiKey: 'sk-bomb-0000000000', baseURL: server.openaiBaseURL, timeoutMs: 60_000, redact: (t) => t });
const started = performance.now();
let outcome: { ok: boolean; message: string; retryable: boolean | null };
try {
  const done = await provider.complete({ model: 'm', system: '', messages: [{ role: 'user', content: 'hi' }], params: {} });
  outcome = { ok: true, message: done.text.slice(0, 80), retryable: null };
} catch (e) {
  outcome = { ok: false, message: e instanceof Error ? e.message : String(e), retryable: e instanceof ProviderError ? e.retryable : null };
}
const ms = performance.now() - started;
// Let the server see the connection go.
await new Promise((r) => setTimeout(r, 100));
await server.close();
console.log(JSON.stringify({ ...outcome, ms, sentBytes: sent.bytes, clientClosed: sent.clientClosed, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
