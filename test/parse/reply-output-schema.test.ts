import { describe, expect, it } from 'vitest';
import { isExactStructuredReply } from '../../src/parse/reply-output-schema.ts';

describe('isExactStructuredReply', () => {
  it.each([
    { raw: '{"reply":{"type":"answer","items":["짐 싸기","업체 예약하기"]}}', exact: true },
    { raw: ' {"reply": {"type": "invalid", "message": "할 일이 아닙니다"}}\n', exact: true },
    { raw: '{"type":"answer","items":["짐 싸기"]}', exact: false },
    { raw: '{"reply":{"type":"answer","items":["짐 싸기"]},"note":"x"}', exact: false },
    { raw: '```json\n{"reply":{"type":"answer","items":["짐 싸기"]}}\n```', exact: false },
    { raw: '{"reply":{"type":"answer","content":[{"subtodoNumber":1,"subtodoContent":"짐 싸기"}]}}', exact: false },
  ])('$raw → $exact', ({ raw, exact }) => {
    expect(isExactStructuredReply(raw)).toBe(exact);
  });
});
