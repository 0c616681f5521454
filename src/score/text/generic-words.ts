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
] as const;

const GENERIC_EN = [
  'the', 'a', 'an', 'and', 'or', 'to', 'of', 'for', 'in', 'on', 'at', 'by', 'with', 'it', 'your', 'my', 'what', 'you', 'need',
  'check', 'details', 'detail', 'schedule', 'list', 'plan', 'planning', 'prepare', 'preparation', 'decide', 'order', 'tasks', 'task',
  'set', 'start', 'time', 'begin', 'review', 'wrap', 'up', 'write', 'down', 'involves', 'things', 'thing', 'steps', 'step', 'goal',
  'goals', 'make', 'do', 'finish', 'complete', 'organize', 'information', 'info', 'relevant', 'everything', 'next', 'first', 'final',
] as const;

const GENERIC = new Set<string>([...GENERIC_KO, ...GENERIC_EN]);

/** Whether a stem is generic: listed, or a prefix-variant of a listed two-syllable word ("준비물" of "준비"). */
export function isGenericStem(stem: string): boolean {
  if (GENERIC.has(stem)) return true;
  if (/^\d+$/u.test(stem)) return false;
  return GENERIC_KO.some((g) => [...g].length >= 2 && sameStem(g, stem) && [...stem].length <= [...g].length + 1);
}

/** The stems that say what this to-do is about. */
export function specificStems(stems: readonly string[]): string[] {
  return stems.filter((s) => !isGenericStem(s));
}
