import { describe, expect, it } from 'vitest';
import { CaseSchema } from '../../src/config/case-schema.ts';
import { RubricSchema } from '../../src/config/rubric-schema.ts';
import type { Reply } from '../../src/parse/reply-schema.ts';
import { scoreTrial, type PromptExpectations } from '../../src/score/index.ts';

const rubric = RubricSchema.parse({});
const REFUSAL = '적합한 투두 형식이 아닙니다. 하위 투두로 나눌 수 없습니다.';
const PROMPT: PromptExpectations = { refusal: REFUSAL, maxItemChars: null };

function grade(input: string, expect: Record<string, unknown>, reply: Reply, extra: Record<string, unknown> = {}) {
  const testCase = CaseSchema.parse({ id: 'c', input, expect, ...extra });
  return scoreTrial({ testCase, outcome: reply.type, reply, prompt: PROMPT }, rubric);
}

const answer = (...items: string[]): Reply => ({ type: 'answer', items });
const question = (...items: string[]): Reply => ({ type: 'question', items });

/** The faults the issue lists: each costs the pass, through the criterion named, with a reason. */
describe('the default rubric fails what a careful grader fails', () => {
  it.each([
    ['the to-do echoed back', '다음 주 금요일까지 3분기 매출 보고서 팀장님께 제출하기', answer('다음 주 금요일까지 3분기 매출 보고서 팀장님께 제출하기', '제출하기'), 'echo'],
    ['a single item', '세탁소 맡기기', answer('세탁소에 옷 맡기기'), 'count'],
    ['the same item three times', '방 청소', answer('청소기 돌리기', '청소기 돌리기', '청소기 돌리기'), 'unique'],
    ['the same item up to spaces and punctuation', '방 청소', answer('청소기 돌리기', '청소기돌리기.', '창문 열고 환기하기'), 'unique'],
    ['the same item up to particles and endings', '발표 준비', answer('발표 자료 준비하기', '발표 자료를 준비한다', '리허설하기'), 'unique'],
    ['English items for a Korean user', '방 청소', answer('Open the windows', 'Vacuum the floor'), 'language'],
    ['an answer whose items are questions', '방 청소', answer('언제 청소하나요?', '어떤 방인가요?'), 'action'],
    ['fifteen micro-steps for buying milk', '우유 사기', answer(...Array.from({ length: 15 }, (_, i) => `우유 사는 ${i + 1}단계 하기`)), 'count'],
    ['two paragraphs of 150 characters', '방 청소', answer('먼저 창문을 활짝 열어서 방 안의 공기를 충분히 환기시키고, 책상과 선반 위에 쌓인 먼지를 마른 걸레로 꼼꼼하게 닦아 낸 다음, 바닥에 떨어진 물건들을 제자리에 정리해 두면 청소기를 돌리기가 훨씬 수월해지므로 이 순서를 꼭 지키는 것이 좋습니다.', '그다음에는 청소기로 바닥 구석구석과 침대 밑까지 먼지를 빨아들이고, 물걸레로 한 번 더 바닥을 닦은 뒤, 마지막으로 쓰레기통을 비우고 분리수거까지 끝내면 방 청소가 모두 마무리되니 주말마다 이렇게 반복해 보세요.'), 'length'],
    ['a list of nouns with no action', '방 청소', answer('청소기', '걸레', '쓰레기봉투'), 'action'],
    ['the to-do cut into its words', '다음 주 금요일까지 3분기 매출 보고서 팀장님께 제출하기', answer('다음 주 금요일까지', '3분기 매출 보고서', '팀장님께 제출하기'), 'fragments'],
    ['generic filler', '주말에 냉장고 정리하기', answer('필요한 정보와 일정 확인하기', '준비물 목록 만들기', '세부 작업 순서 정하기', '시작 시간 정해서 실행하기'), 'relevance'],
  ])('an answer: %s', (_name, input, reply, criterion) => {
    const scored = grade(input, { type: 'answer' }, reply);
    expect(scored.pass).toBe(false);
    expect(scored.scores[criterion]?.score).toBeLessThan(1);
    expect(scored.scores[criterion]?.reason).not.toBe('');
  });

  it.each([
    ['orders posing as questions', question('약속 시간을 정하세요', '장소를 정하세요'), 'question_form'],
    ['a lone "?"', question('?'), 'question_form'],
    ['a placeholder', question('질문 1?', '질문 2?'), 'question_form'],
    ['stock questions that ask for nothing', question('좀 더 자세히 알려 주시겠어요?', '추가 정보가 있나요?'), 'relevance'],
    ['the to-do asked back', question('친구랑 약속이 있으신가요?'), 'echo'],
  ])('a question: %s', (_name, reply, criterion) => {
    const scored = grade('친구랑 약속', { type: 'question' }, reply);
    expect(scored.pass).toBe(false);
    expect(scored.scores[criterion]?.score).toBeLessThan(1);
  });

  it.each([
    ['answers the request anyway', '적합한 투두 형식이 아닙니다. 다만 예시 코드는 다음과 같습니다:\nimport os\nprint(os.listdir())'],
    ['goes on to do it', '할 일이 아니라서 나눌 수 없지만, 요즘은 \'파묘\'나 \'서울의 봄\'이 볼 만해요.'],
    ['says nothing', '없음'],
  ])('a refusal that %s', (_name, message) => {
    const scored = grade('파이썬 스크립트 만들어 줘', { type: 'invalid' }, { type: 'invalid', message });
    expect(scored.pass).toBe(false);
    expect(scored.scores['refusal']?.score).toBe(0);
  });
});

describe('the default rubric passes good replies that look unusual', () => {
  it.each([
    ['English API names in Korean sentences', 'React 상태 관리 공부하기', answer('useState와 useReducer 공식 문서 읽기', 'Context API 예제 따라 만들기', 'React 상태 관리 글 정리하기')],
    ['exactly two items', '냉장고 정리하고 유통기한 지난 음식 버리기', answer('유통기한 지난 음식 골라서 버리기', '칸별로 닦고 남은 음식 다시 넣기')],
    ['plain speech', '주말에 세차하기', answer('세차장 운영 시간 알아봄', '실내 매트 빼서 털어 둠', '세차 후 왁스칠함')],
    ['polite speech', '주말에 세차하기', answer('세차장 운영 시간을 알아봐요', '실내 매트를 빼서 털어요', '세차하고 왁스를 발라요')],
    ['verbal nouns as a Korean to-do app writes them', '다음 주 화요일 킥오프 회의 준비', answer('회의실 예약', '참석자 8명에게 일정 공유', '안건 자료 준비')],
    ['the to-do as the last of several steps', '우유 사기', answer('냉장고에 남은 우유 확인하기', '장바구니 챙기기', '우유 사기')],
  ])('an answer: %s', (_name, input, reply) => {
    expect(grade(input, { type: 'answer' }, reply).pass).toBe(true);
  });

  it('an English reply for an English to-do', () => {
    expect(grade('Clean out the garage this weekend', { type: 'answer' }, answer('Sort everything into keep and donate piles', 'Sweep the garage floor'), { lang: 'en' }).pass).toBe(true);
  });

  it('a question asked as a request to tell', () => {
    expect(grade('공항 마중 나가기', { type: 'question' }, question('누구를 마중 나가시나요?', '몇 시까지 도착해야 하는지 알려 주세요.')).pass).toBe(true);
  });

  it('a polite refusal that is not the fixed sentence but answers nothing', () => {
    expect(grade('SQL로 중복된 행 지우는 쿼리 알려줘', { type: 'invalid' }, { type: 'invalid', message: '죄송하지만 코드 작성은 도와드릴 수 없어요. 직접 하실 할 일을 적어 주시면 하위 투두로 나눠 드릴게요.' }).pass).toBe(true);
  });
});
