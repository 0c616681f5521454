import type { ReplyType } from '../../../parse/reply-schema.ts';

// Cues a person would read as "not a to-do": a request for content, code, facts or chat.
const NOT_A_TODO = [
  /스크립트|코드|함수|프로그램|script|code|function|sql|html/i,
  /번역|translate/i,
  /날씨|weather/i,
  /농담|joke|재밌는 얘기/i,
  /\bpoem\b|시를|시 한 편|노래 가사|소설|에세이|essay/i,
  /무시하고|ignore (all|previous)|system prompt|시스템 프롬프트/i,
  /(알려|설명해|써|만들어|추천해|계산해|풀어)\s*(줘|주세요|줄래)/,
  /뭐야\??$|누구야\??$|몇 (살|개)|얼마야|\bwhat is\b|\bwho is\b/i,
  /^[\d\s+\-*/=().]+$/,
  /^(안녕|hi|hello|ㅋ+|ㅎ+)/i,
];

const WORK_WORDS = /하기|준비|정리|예약|신청|제출|마감|청소|운동|공부|이사|여행|회의|약속|구매|사기|보내기|만나|가기|\bplan\b|\bprepare\b|\bbook\b|\bfinish\b/i;

/** What a careful model would answer for this to-do, by the cues in its text. */
export function classifyTodo(input: string): ReplyType {
  const text = input.trim();
  if (NOT_A_TODO.some((re) => re.test(text))) return 'invalid';
  const letters = [...text].filter((ch) => /\p{L}/u.test(ch)).length;
  const hasDetail = /\d|시|월|일|까지|에서|랑|와|과|with|by|at/.test(text);
  if (letters <= 4 || (letters <= 8 && !hasDetail)) return 'question';
  if (!WORK_WORDS.test(text) && letters <= 12) return 'question';
  return 'answer';
}
