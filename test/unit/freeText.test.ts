import { describe, expect, it } from 'vitest';
import { freeText } from '../../shared/http/schemas/common';

const line = freeText('name', { max: 20 });
const text = freeText('text', { max: 50, multiline: true });
const messageOf = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) => result.error?.issues[0]?.message;

describe('free text a person typed', () => {
  it('keeps what a person can read: letters of any script, emoji, accents (normalized to one form)', () => {
    expect(line.parse('  Zoë 🦖 Ødegård  ')).toBe('Zoë 🦖 Ødegård');
    // e + combining diaeresis becomes the single character ë (NFC), so the same name is stored one way.
    expect(line.parse('Zoe\u0308')).toBe('Zo\u00EB');
    expect(text.parse('First line\r\nsecond\tline')).toBe('First line\nsecond\tline');
  });

  it('refuses control characters: NUL, ESC and terminal sequences, bells; line breaks only where text may have lines', () => {
    for (const bad of ['nul\u0000here', 'esc \u001b[31mred\u001b[0m', 'bell\u0007', 'del\u007f', 'c1\u0085']) {
      expect(messageOf(line.safeParse(bad))).toBe('name must not contain control characters');
      expect(messageOf(text.safeParse(bad))).toBe('text must not contain control characters (line breaks are fine)');
    }
    expect(messageOf(line.safeParse('two\nlines'))).toBe('name must not contain control characters');
    expect(messageOf(line.safeParse('a\ttab'))).toBe('name must not contain control characters');
  });

  it('refuses a lone surrogate (half an emoji), but not a whole one', () => {
    expect(messageOf(line.safeParse('half \uD83E'))).toMatch(/broken character/);
    expect(messageOf(line.safeParse('\uDD96 tail'))).toMatch(/broken character/);
    expect(line.parse('whole \uD83E\uDD96')).toBe('whole 🦖');
  });

  it('counts length after trimming, and says what is wrong', () => {
    expect(messageOf(line.safeParse('   '))).toBe('name is required');
    expect(messageOf(line.safeParse('x'.repeat(21)))).toBe('name must be at most 20 characters');
    expect(freeText('title', { max: 5, min: 0 }).parse('  ')).toBe('');
    expect(messageOf(line.safeParse(42))).toBe('name must be text');
  });
});
