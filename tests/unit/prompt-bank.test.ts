import { describe, expect, test } from 'vitest';
import { parseRecord } from '../../utils/data/validate';
import { promptBank } from '../../utils/prompts/bank';
import { promptsFor } from '../../utils/prompts/choose';
import { mentoringModels } from '../../utils/schema/pair';
import { promptPhases, promptRoles, promptShape, promptThemes } from '../../utils/schema/prompt';

const YES_NO_WORDS = [
  'Do',
  'Does',
  'Is',
  'Are',
  'Can',
  'Could',
  'Did',
  'Have',
  'Has',
  'Should',
  'Would',
  'Will',
  'Was',
  'Were',
];

describe('the built-in prompt bank', () => {
  test('has at least 60 prompts', () => {
    expect(promptBank().length).toBeGreaterThanOrEqual(60);
  });

  test('gives every prompt its own id', () => {
    const ids = promptBank().map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('holds only prompts that fit the prompt schema', () => {
    for (const prompt of promptBank()) {
      expect(() => parseRecord(promptShape, prompt), prompt.id).not.toThrow();
    }
  });

  test('covers every phase, theme and role', () => {
    expect(new Set(promptBank().map((p) => p.phase))).toEqual(new Set(promptPhases));
    expect(new Set(promptBank().map((p) => p.theme))).toEqual(new Set(promptThemes));
    expect(new Set(promptBank().map((p) => p.role))).toEqual(new Set(promptRoles));
  });

  test('has a prompt for mentor and mentee of every mentoring model in every phase', () => {
    for (const phase of promptPhases) {
      for (const myRole of ['mentor', 'mentee'] as const) {
        for (const model of mentoringModels) {
          const fitting = promptsFor(promptBank(), { phase, myRole, model, now: 0 });
          expect(fitting.length, `${phase} ${myRole} ${model}`).toBeGreaterThan(0);
        }
      }
    }
  });

  test('asks only open questions, never one answered by yes or no', () => {
    for (const { id, text } of promptBank()) {
      const firstWord = text.split(/[\s,]/)[0] ?? '';
      expect(YES_NO_WORDS, `${id}: ${text}`).not.toContain(firstWord);
      expect(text.trim().endsWith('?'), `${id}: ${text}`).toBe(true);
    }
  });
});
