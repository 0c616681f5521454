import { sameStem } from './words.ts';

/**
 * Stems that fit any to-do: planning words, time words, vague verbs. An item made only of these
 * ("필요한 정보 확인하기", "세부 작업 순서 정하기", "계획 세우기") says nothing about this to-do, and
 * sharing one of them with the to-do ("준비") does not make a reply relevant to it.
 */
const GENERIC_KO = [
  '하기', '하', '것', '거', '수', '등', '및', '더', '잘', '다시', '먼저', '미리', '바로', '꼭', '좀', '같이', '함께', '각', '모든', '전체',
  '준비', '계획', '세우', '세우기', '확인', '정리', '일정', '시간', '필요', '필요한', '목록', '리스트', '시작', '실행', '마무리', '결과',
  '내용', '관련', '관련된', '사항', '세부', '작업', '순서', '정하', '정하기', '정해', '정', '체크', '점검', '검토', '할', '일', '할일',
  '오늘', '내일', '나중', '전', '후', '뒤', '부분', '단계', '목표', '방법', '계속', '완료', '진행', '처리', '해결', '정보', '만들',
  '만들기', '끝', '끝난', '끝내기', '사람', '공유', '우선', '우선순위', '중요', '중요한', '파악', '결정', '생각', '고민', '알아보기',
  '알아보', '찾아보기', '준비물', '챙기', '챙기기', '실천', '유지', '관리', '점검하', '기록', '정리하', '하나씩', '차근차근', '최종',
  '상황', '조건', '요소', '항목', '기본', '전반', '구체', '구체적', '전략', '계획표', '체크리스트', '리뷰', '회고', '피드백',
  '지키', '지키기', '꾸준히', '진행한다', '시작한다', '완료한다', '짜기', '돌아보기', '칭찬', '스스로', '하나', '처리해요', '만들어요',
] as const;

/**
 * What a stock clarifying question is made of ("좀 더 자세히 알려 주시겠어요?", "추가 정보가 있나요?",
 * "Can you tell me more?"): asking for anything asks for nothing. The words that ask for a
 * specific missing fact (언제, 어디, 누구, 몇, 얼마) are not here.
 */
const STOCK_QUESTION_KO = [
  '좀', '더', '자세히', '자세하게', '구체적', '구체적으로', '추가', '추가로', '정보', '알려', '알려주', '말씀', '말씀해', '주시겠어요',
  '주실래요', '주세요', '도와', '도와드릴까요', '드릴까요', '도움', '필요', '필요한', '궁금', '궁금하', '부분', '것', '있', '있나요',
  '없', '다른', '원하', '원하시', '내용', '질문', '사항', '상황', '혹시', '그', '이', '저', '싶', '싶으', '하고', '하', '계획', '생각',
  '주', '주시', '주시겠', '주시겠어', '주실래', '주시', '드릴', '도와드릴', '도와주', '말해', '얘기', '설명', '알고', '알', '추가적',
] as const;
/**
 * Question words that ask "what / which / how" of nothing in particular: in a stock question they
 * add nothing ("어떤 부분이 궁금하신가요?"), next to a noun of the to-do they ask something real
 * ("어떤 서류를 내나요?"). 언제, 어디, 누구, 몇, 얼마 ask for a fact even alone, so they are not here.
 */
const OPEN_QUESTION_WORDS = new Set(['무엇', '뭐', '무엇을', '어떤', '어느', '어떻게', '왜', 'what', 'which', 'how', 'why']);
const STOCK_QUESTION_EN = [
  'can', 'could', 'would', 'you', 'me', 'tell', 'more', 'about', 'it', 'is', 'are', 'there', 'anything', 'else', 'what', 'how', 'help',
  'like', 'want', 'do', 'does', 'need', 'details', 'detail', 'please', 'give', 'some', 'other', 'information', 'info', 'question',
] as const;
const STOCK_QUESTION = new Set<string>([...STOCK_QUESTION_KO, ...STOCK_QUESTION_EN]);

/** Whether a stem could sit in any clarifying question, whatever the to-do (open question words aside). */
export function isStockQuestionStem(stem: string): boolean {
  return STOCK_QUESTION.has(stem) || isGenericStem(stem);
}

/** A question made only of these asks for nothing in particular. */
export function isEmptyQuestionStem(stem: string): boolean {
  return isStockQuestionStem(stem) || OPEN_QUESTION_WORDS.has(stem);
}

const GENERIC_EN = [
  'the', 'a', 'an', 'and', 'or', 'to', 'of', 'for', 'in', 'on', 'at', 'by', 'with', 'it', 'your', 'my', 'what', 'you', 'need',
  'check', 'details', 'detail', 'schedule', 'list', 'plan', 'planning', 'prepare', 'preparation', 'decide', 'order', 'tasks', 'task',
  'set', 'start', 'time', 'begin', 'review', 'wrap', 'up', 'write', 'down', 'involves', 'things', 'thing', 'steps', 'step', 'goal',
  'goals', 'make', 'do', 'finish', 'complete', 'organize', 'information', 'info', 'relevant', 'everything', 'next', 'first', 'final',
  'it', 'result', 'results', 'this', 'that', 'out', 'get', 'done', 'keep', 'going',
] as const;

const GENERIC = new Set<string>([...GENERIC_KO, ...GENERIC_EN]);

/** Listed words of two syllables or more, by their first syllable: a stem is compared with few of them. */
const BY_FIRST_SYLLABLE = new Map<string, string[]>();
for (const word of GENERIC_KO) {
  const syllables = [...word];
  if (syllables.length < 2) continue;
  const first = syllables[0] ?? '';
  BY_FIRST_SYLLABLE.set(first, [...(BY_FIRST_SYLLABLE.get(first) ?? []), word]);
}

/** Whether a stem is generic: listed, or a prefix-variant of a listed two-syllable word ("준비물" of "준비"). */
export function isGenericStem(stem: string): boolean {
  if (GENERIC.has(stem)) return true;
  if (/^\d+$/u.test(stem)) return false;
  const candidates = BY_FIRST_SYLLABLE.get([...stem][0] ?? '') ?? [];
  const length = [...stem].length;
  return candidates.some((g) => sameStem(g, stem) && length <= [...g].length + 1);
}

/** The stems that say what this to-do is about. */
export function specificStems(stems: readonly string[]): string[] {
  return stems.filter((s) => !isGenericStem(s));
}
