export { parseReply } from './parse-reply.ts';
export { isExactForm, type DeclaredForm } from './check-exact-form.ts';
export { ReplySchema, REPLY_TYPES, REPLY_FORMS, FOUND_FORMS, OUTCOMES } from './reply-schema.ts';
export type { FoundForm, ParseResult, Reply, ReplyForm, ReplyType, Outcome, SchemaIssue } from './reply-schema.ts';
