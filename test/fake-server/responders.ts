import type { FakeReply, RecordedRequest, Responder } from './fake-types.ts';

/** Replies with the last user text, or with whatever `textFor` makes of the request. */
export function echoResponder(textFor: (req: RecordedRequest) => string = (req) => req.lastUserText): Responder {
  return (req) => ({ text: textFor(req) });
}

export interface ScriptRule {
  /** A substring or pattern looked for in the last user text. */
  match: string | RegExp;
  reply: FakeReply | ((req: RecordedRequest) => FakeReply);
}

/** The first rule whose `match` is found in the last user text decides; otherwise `fallback`. */
export function scriptedResponder(rules: ScriptRule[], fallback: FakeReply): Responder {
  return (req) => {
    // `search` ignores a /g pattern's lastIndex, so a rule matches the same way every time.
    const rule = rules.find(({ match }) =>
      typeof match === 'string' ? req.lastUserText.includes(match) : req.lastUserText.search(match) !== -1,
    );
    if (rule === undefined) return fallback;
    return typeof rule.reply === 'function' ? rule.reply(req) : rule.reply;
  };
}

/** Adds `ms` of delay before every reply (on top of any latency the inner reply asks for). */
export function withLatency(inner: Responder, ms: number): Responder {
  return async (req) => {
    const reply = await inner(req);
    if ('fault' in reply && reply.fault === 'hang') return reply;
    return { ...reply, latencyMs: (reply.latencyMs ?? 0) + ms };
  };
}
