import type { Outcome, ReplyType } from '../../parse/reply-schema.ts';

// The parser's lists, typed against it: importing them from parse/ would bundle zod into the page.
export const REPLY_TYPES = ['answer', 'question', 'invalid'] as const satisfies readonly ReplyType[];
export const OUTCOMES = ['answer', 'question', 'invalid', 'format_error', 'schema_error', 'provider_error'] as const satisfies readonly Outcome[];
