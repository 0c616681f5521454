import type { Example, Variant } from '../../src/config/variant-schema.ts';

/** The seed's three examples, as prompts/examples/seed.yaml holds them. */
export const SEED_EXAMPLES: Example[] = [
  {
    input: '아스랑 저녁 8시에 만나서 집들이하기',
    note: '투두를 하위 투두들로 나누는 데 필요한 정보가 충분한 경우',
    instruction: '이 경우는 바로 해당 투두를 하위 투두로 나눠주면 돼.',
    output: { type: 'answer', items: ['아스한테 오늘 약속이 맞는지 확인하기', '저녁 7시에 아스네 집으로 출발하기', '집들이 선물 사 가기'] },
  },
  {
    input: '친구랑 약속',
    note: '투두를 하위 투두들로 나누는 데 필요한 정보가 불충분한 경우',
    instruction: '이 경우는 유저에게 질문을 해서 추가 정보를 얻어야 해.',
    output: {
      type: 'question',
      items: ['친구와 몇 시에 만나기로 했나요?', '친구랑 어디서 만나기로 했나요?', '친구랑 만나는 곳은 여기서 얼마나 떨어져 있나요?'],
    },
  },
  {
    input: '파이썬 스크립트를 만들어줘',
    note: '투두와 관련된 프롬프트가 아닌 경우',
    instruction: '이 경우는 별도로 하위 투두를 나눠주지 않아.',
    output: { type: 'invalid', message: '적합한 투두 형식이 아닙니다. 하위 투두로 나눌 수 없습니다.' },
  },
];

/** The seed's <examples> block verbatim, with the curly quotes of type=‘…’ made straight. */
export const SEED_XML_BLOCK = `<examples>
  <example>
    1. 투두를 하위 투두들로 나누는 데 필요한 정보가 충분한 경우. 이 경우는 바로 해당 투두를 하위 투두로 나눠주면 돼.
    <user_prompt>
      아스랑 저녁 8시에 만나서 집들이하기
    </user_prompt>
    <subtodos type='answer'>
      1. 아스한테 오늘 약속이 맞는지 확인하기
      2. 저녁 7시에 아스네 집으로 출발하기
      3. 집들이 선물 사 가기
    </subtodos>
  </example>
  <example>
    2. 투두를 하위 투두들로 나누는 데 필요한 정보가 불충분한 경우. 이 경우는 유저에게 질문을 해서 추가 정보를 얻어야 해.
    <user_prompt>
      친구랑 약속
    </user_prompt>
    <subtodos type='question'>
      1. 친구와 몇 시에 만나기로 했나요?
      2. 친구랑 어디서 만나기로 했나요?
      3. 친구랑 만나는 곳은 여기서 얼마나 떨어져 있나요?
    </subtodos>
  </example>
  <example>
    3. 투두와 관련된 프롬프트가 아닌 경우. 이 경우는 별도로 하위 투두를 나눠주지 않아.
    <user_prompt>
      파이썬 스크립트를 만들어줘
    </user_prompt>
    <subtodos type='invalid'>
      적합한 투두 형식이 아닙니다. 하위 투두로 나눌 수 없습니다.
    </subtodos>
  </example>
</examples>`;

/** The seed's JSON sketch of example 1, verbatim (three-space indent, no space after colons). */
export const SEED_JSON_BLOCK = `[
   {
      "caseNumber":1,
      "caseDescription":"투두를 하위 투두들로 나누는 데 필요한 정보가 충분한 경우",
      "caseInstruction":"바로 해당 투두를 하위 투두로 나눠준다",
      "userPrompts":[
         {
            "type":"user",
            "content":"아스랑 저녁 8시에 만나서 집들이하기"
         }
      ],
      "subtodos":{
         "type":"answer",
         "content":[
            {
               "subtodoNumber":1,
               "subtodoContent":"아스한테 오늘 약속이 맞는지 확인하기"
            },
            {
               "subtodoNumber":2,
               "subtodoContent":"저녁 7시에 아스네 집으로 출발하기"
            },
            {
               "subtodoNumber":3,
               "subtodoContent":"집들이 선물 사 가기"
            }
         ]
      }
   }
]`;

export function makeVariant(overrides: Partial<Variant> = {}): Variant {
  return {
    id: 'v',
    description: '',
    system: '너는 플래너야.',
    examples: SEED_EXAMPLES,
    format: 'xml',
    template: '{{examples}}\n\n{{todo}}',
    params: {},
    replyForm: 'xml',
    thinking: false,
    refusal: null,
    maxItemChars: null,
    source: 'prompts/v.yaml',
    ...overrides,
  };
}
