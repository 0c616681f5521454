export { parseReply } from './parse-reply.ts';
export { ReplySchema, REPLY_TYPES, OUTCOMES } from './reply-schema.ts';
export type { ParseResult, Reply, ReplyType, Outcome, SchemaIssue } from './reply-schema.ts';
