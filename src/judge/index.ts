// The LLM judge, pure: its rubric file's schema, the prompts it is sent, the strict parsing of
// its replies, and how levels and samples become a verdict. The calls themselves live in src/run/.
export { JudgeRubricSchema, dimensionsOf, LEVELS, TOP_LEVEL } from './judge-rubric-schema.ts';
export type { Dimension, JudgeRubric, Level } from './judge-rubric-schema.ts';
export type { DimensionGrade, JudgeRecord, JudgeReduce, SampleVerdict } from './judge-types.ts';
export { renderJudgePrompt, type JudgePromptInput } from './render-judge-prompt.ts';
export { buildVerdictSchema, describeVerdictFormat } from './verdict-schema.ts';
export { parseVerdict } from './parse-verdict.ts';
export { gradeVerdict, type Grade } from './grade-verdict.ts';
export { reduceSamples } from './reduce-samples.ts';
export { renderPairwisePrompt } from './pairwise/render-pairwise-prompt.ts';
export { parsePreference, type Preference } from './pairwise/parse-preference.ts';
export { combineOrders, type CombinedPair, type PairOutcome } from './pairwise/combine-orders.ts';
export { describeRecord } from './describe-record.ts';
