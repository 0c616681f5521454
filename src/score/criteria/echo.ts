import type { CriterionScorer } from '../criterion-scorer.ts';
import { notApplicable } from '../criterion-scorer.ts';
import { todoWords } from '../case-text.ts';
import { excerpt, formatShare, normalizeForCompare } from '../reply-text.ts';
import { isStockQuestionStem } from '../text/generic-words.ts';
import { containsStem, stemsOf } from '../text/words.ts';

/** Share of the to-do's words an item must repeat, adding at most one of its own, to be the to-do again. */
const ECHO_COVERAGE = 0.8;

/**
 * Gate: the reply does more than hand the to-do back. A sub-todo that restates a to-do of three
 * words or more is never a step of it; for a short to-do ("우유 사기") the to-do itself may close a
 * longer list as its last step, but a reply of one or two items with it in them has split nothing.
 * A question that only asks the to-do back ("서류를 제출하시나요?", "동창 모임?") asks nothing the
 * user has not said: more than half of such questions fail the reply.
 */
export const scoreEcho: CriterionScorer<'echo'> = ({ testCase, reply }) => {
  if (reply === null || reply.type === 'invalid') return notApplicable('not an answer or a question');
  const todo = todoWords(testCase).input;
  if (todo.length === 0) return notApplicable('the to-do has no words to compare');
  if (reply.type === 'question') {
    const echoes = reply.items.filter((item) => asksTodoBack(item, todo));
    if (echoes.length * 2 <= reply.items.length) return { score: 1, reason: `${formatShare(reply.items.length - echoes.length, reply.items.length)} questions ask something new` };
    return { score: 0, reason: `${formatShare(echoes.length, reply.items.length)} questions only ask the to-do back, e.g. "${excerpt(echoes[0] ?? '')}"` };
  }
  const echo = reply.items.find((item) => repeatsTodo(item, testCase.input, todo));
  if (echo === undefined) return { score: 1, reason: 'no item repeats the to-do' };
  const long = new Set(todo).size >= 3;
  if (long || reply.items.length <= 2) return { score: 0, reason: `"${excerpt(echo)}" repeats the to-do` };
  return { score: 1, reason: `"${excerpt(echo)}" is the to-do itself, as the last of ${reply.items.length} steps` };
};

function repeatsTodo(item: string, input: string, todo: readonly string[]): boolean {
  if (normalizeForCompare(item) === normalizeForCompare(input)) return true;
  const own = stemsOf(item);
  const distinct = [...new Set(todo)];
  const covered = distinct.filter((stem) => containsStem(own, stem)).length;
  const added = new Set(own.filter((stem) => !containsStem(todo, stem))).size;
  return covered / distinct.length >= ECHO_COVERAGE && added <= 1;
}

// A one-syllable stem that is not a question word is a light verb or a bound noun (가, 하, 건).
const FACT_QUESTION_WORDS = new Set(['몇', '뭘', '왜']);

/**
 * A question whose own words, stock question words and light verbs aside, are all the to-do's
 * and cover it: "여행 가실 건가요?" for "여행".
 */
function asksTodoBack(item: string, todo: readonly string[]): boolean {
  const own = stemsOf(item).filter(
    (stem) => containsStem(todo, stem) || (!isStockQuestionStem(stem) && ([...stem].length > 1 || FACT_QUESTION_WORDS.has(stem) || /^[a-z0-9]/u.test(stem))),
  );
  if (own.length === 0) return false;
  const distinct = [...new Set(todo.filter((stem) => !isStockQuestionStem(stem)))];
  if (distinct.length === 0) return false;
  const covered = distinct.filter((stem) => containsStem(own, stem)).length;
  return own.every((stem) => containsStem(todo, stem)) && covered / distinct.length >= ECHO_COVERAGE;
}
