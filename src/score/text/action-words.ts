/**
 * Sino-Korean verbal nouns (하다-verbs) that name an action on their own at the end of a to-do
 * item, as Korean to-do apps write them: "회의실 예약", "서류 제출", "은행 방문".
 */
const ACTION_NOUNS = new Set([
  '예약', '준비', '확인', '정리', '구매', '구입', '제출', '작성', '검토', '신청', '연락', '전화', '방문', '출발', '도착', '청소', '세탁',
  '결제', '주문', '등록', '취소', '변경', '수정', '공유', '발송', '설치', '점검', '상담', '정산', '이체', '납부', '수령', '반납', '예매',
  '비교', '조사', '검색', '복습', '예습', '연습', '운동', '산책', '업데이트', '백업', '정비', '교체', '수리', '포장', '배송', '요청', '문의',
  '답장', '회신', '보고', '발표', '마감', '저장', '삭제', '출력', '인쇄', '스캔', '제작', '디자인', '편집', '촬영', '녹음', '번역', '암기',
  '학습', '독서', '시청', '관람', '참석', '참여', '가입', '탈퇴', '해지', '갱신', '연장', '충전', '환불', '교환', '반품', '설정', '세팅',
  '계산', '측정', '기록', '메모', '정돈', '분리수거', '설거지', '빨래', '요리', '장보기', '이사', '입금', '송금', '출금', '신고', '접수',
  '발급', '재발급', '인증', '로그인', '다운로드', '업로드', '배포', '테스트', '리뷰', '커밋', '머지', '리팩터링', '디버깅', '설계', '구현',
  '분석', '정독', '필사', '통화', '면접', '지원', '입사', '퇴사', '휴가', '출장', '외출', '귀가', '이동', '탑승', '체크인', '체크아웃',
  '환전', '예방접종', '접종', '진료', '검진', '치료', '처방', '복용', '섭취', '식사', '외식', '배달', '포장주문', '대청소', '정리정돈',
  '환기', '소독', '분갈이', '물주기', '산책시키기', '목욕', '미용', '예열', '세차', '주유', '주차', '정차', '견적', '계약', '해약', '협의',
  '논의', '회의', '미팅', '통보', '안내', '초대', '답사', '사전답사', '선택', '결정', '투표', '응원', '축하', '감사', '사과', '인사', '배웅',
]);

/** Nouns whose last syllable looks like a verb ending (~기, ~음, ~다): a list of them is still nouns. */
export const NOUNS_ENDING_LIKE_VERBS = new Set([
  '세탁기', '청소기', '건조기', '가습기', '제습기', '식기', '공기', '일기', '전기', '경기', '용기', '향기', '기기', '무기', '얘기', '이야기',
  '마음', '다음', '처음', '얼음', '웃음', '바다', '보다', '구두', '가방', '휴지', '포도', '우유',
]);

export function isActionNoun(word: string): boolean {
  return ACTION_NOUNS.has(word);
}

// Verbs that open an English to-do item ("Book a table", "Call mom", "Log in to Hometax").
const ENGLISH_VERBS = new Set(
  `add adjust apply arrange ask assemble attach attend back bake bathe book borrow box bring browse brush budget build buy call
cancel change charge check choose claim clean clear close collect comb commit compare complete confirm contact cook copy count cover
create cut deal decide declutter defrost delete deliver deposit design dispose do donate download draft drink drive drop dust
email empty enroll estimate exercise exchange feed file fill find finish fix fold follow forward fry gather get give go grab
hand hang heat help hire hold hook install invite iron join jog keep label lay learn leave lend list load lock log look mail make
map mark measure meet memorize mop mount move mow note notify open order organize pack paint park pay phone pick place plan plant
post pour practice prepare present print print prune purchase put rake read rearrange recharge record recycle refill register
reheat remind remove renew rent repair replace reply request reschedule research reserve rest return review revise ride rinse
run save scan schedule scrub search sell send set settle share shop shower sign sort split start stock stop store stretch study
submit sweep swap switch take talk test text thank throw tidy top track trade train transfer trim try turn unpack unplug update
upload vacuum verify visit wait wake walk warm wash water watch weigh wipe withdraw wrap write avoid bike breathe cycle eat floss
hike journal limit meditate note practise pray read skip sleep swim tick unsubscribe`.split(/\s+/u),
);

export function isEnglishVerb(word: string): boolean {
  return ENGLISH_VERBS.has(word);
}
