// A standalone fake OpenAI/Anthropic server for trying the CLI and for benchmarks:
//   npx node test/fake-server/main.ts --port 8787 [--latency 50] [--fault-rate 0.2 --seed 1] [--capacity 20] [--rate-limit 600] [--batch-ms 5000]
import { parseArgs } from 'node:util';
import { defaultResponder } from './default-responder.ts';
import { startFakeServer } from './fake-server.ts';
import { FAULT_KINDS, type FaultKind, type Responder } from './fake-types.ts';
import { withLatency } from './responders.ts';
import { withCapacity, withRateLimit } from './server-limits.ts';
import { withFaults } from './with-faults.ts';

const USAGE = `usage: node test/fake-server/main.ts [--port 8787] [--host 127.0.0.1] [--latency MS] [--batch-ms MS]
       [--fault-rate 0..1 --seed N [--fault-kinds 429,500,503,529,reset,hang,truncate,badjson]
        [--retry-after-ms MS] [--every-attempt]]
       [--capacity N]              (N requests at once; beyond that 429 with Retry-After: 1)
       [--rate-limit N [--rate-window MS]]  (N requests per window, refilled continuously,
                                   reported in rate-limit headers; empty: 429)
       [--verbose]`;

function readNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`--${name} must be a number ≥ 0, got "${value}"`);
  return parsed;
}

function buildResponder(values: Record<string, string | boolean | undefined>): Responder {
  const text = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  // The latency is the model's: an error comes back at once (a real 429 or 5xx is refused before
  // any generation), a hang lasts until the client gives up.
  const latency = readNumber('latency', text('latency'), 0);
  let responder: Responder = latency > 0 ? withLatency(defaultResponder, latency) : defaultResponder;
  const capacity = text('capacity');
  if (capacity !== undefined) responder = withCapacity(responder, { capacity: readNumber('capacity', capacity, 1) });
  const rateLimit = text('rate-limit');
  if (rateLimit !== undefined) responder = withRateLimit(responder, { limit: readNumber('rate-limit', rateLimit, 1), windowMs: readNumber('rate-window', text('rate-window'), 60_000) });
  const rate = readNumber('fault-rate', text('fault-rate'), 0);
  if (rate > 1) throw new Error('--fault-rate must be within [0, 1]');
  if (rate > 0) {
    const retryAfterMs = text('retry-after-ms');
    const kinds = text('fault-kinds')?.split(',').map((k) => k.trim());
    for (const kind of kinds ?? []) if (!(FAULT_KINDS as readonly string[]).includes(kind)) throw new Error(`--fault-kinds: unknown kind "${kind}" (known: ${FAULT_KINDS.join(', ')})`);
    responder = withFaults(responder, {
      ...(kinds === undefined ? {} : { kinds: kinds as FaultKind[] }),
      rate,
      seed: readNumber('seed', text('seed'), 1),
      firstAttemptOnly: values['every-attempt'] !== true,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs: readNumber('retry-after-ms', retryAfterMs, 0) }),
    });
  }
  if (values['verbose'] !== true) return responder;
  const inner = responder;
  return async (req) => {
    const reply = await inner(req);
    const kind = 'text' in reply ? 'text' : reply.fault === 'status' ? String(reply.status) : reply.fault;
    console.log(`${req.api} #${req.attempt} ${JSON.stringify(req.lastUserText.slice(-40))} → ${kind}`);
    return reply;
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      latency: { type: 'string' },
      'batch-ms': { type: 'string' },
      'fault-rate': { type: 'string' },
      seed: { type: 'string' },
      'retry-after-ms': { type: 'string' },
      'fault-kinds': { type: 'string' },
      capacity: { type: 'string' },
      'rate-limit': { type: 'string' },
      'rate-window': { type: 'string' },
      'every-attempt': { type: 'boolean' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    console.log(USAGE);
    return;
  }
  const server = await startFakeServer({
    port: readNumber('port', values.port, 8787),
    host: values.host,
    responder: buildResponder(values),
    recordRequests: false,
    batchProcessingMs: readNumber('batch-ms', values['batch-ms'], 0),
  });
  console.log(`fake server on ${server.url} (OpenAI base ${server.openaiBaseURL}, Anthropic base ${server.anthropicBaseURL})`);
  const stop = (): void => {
    void server.close().then(() => console.log('fake server closed'));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  console.error(USAGE);
  process.exitCode = 2;
});
