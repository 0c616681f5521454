import { describe, expect, it } from 'vitest';
import { formatRendered } from '../../src/render/format-rendered.ts';

describe('formatRendered', () => {
  it('prints a header per message and the content verbatim', () => {
    const text = formatRendered({
      system: '너는 플래너야.',
      messages: [
        { role: 'user', content: '예시\n\n  들여쓰기 유지' },
        { role: 'assistant', content: '{"type":"answer"}' },
        { role: 'user', content: '장보기' },
      ],
    });
    expect(text).toBe(
      '── system ──\n너는 플래너야.\n\n── user ──\n예시\n\n  들여쓰기 유지\n\n── assistant ──\n{"type":"answer"}\n\n── user ──\n장보기\n',
    );
  });

  it('says when there is no system prompt', () => {
    expect(formatRendered({ system: '', messages: [{ role: 'user', content: 'x' }] })).toBe('── system (none) ──\n\n── user ──\nx\n');
  });
});
