import type { CriterionScorer } from '../criterion-scorer.ts';
import { notApplicable } from '../criterion-scorer.ts';
import { todoWords } from '../case-text.ts';
import { excerpt, normalizeForCompare } from '../reply-text.ts';
import { containsStem, stemsOf } from '../text/words.ts';

/** Share of the to-do's words an item must repeat, adding at most one of its own, to be the to-do again. */
const ECHO_COVERAGE = 0.8;

/**
 * Gate: no sub-todo merely repeats the to-do. An item that restates a to-do of three words or more
 * is never a step of it; for a short to-do ("우유 사기") the to-do itself may close a longer list as
 * its last step, but a reply of one or two items with it in them has split nothing.
 */
export const scoreEcho: CriterionScorer<'echo'> = ({ testCase, reply }) => {
  if (reply === null || reply.type !== 'answer') return notApplicable('not an answer');
  const todo = todoWords(testCase).input;
  if (todo.length === 0) return notApplicable('the to-do has no words to compare');
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
