import { describe, expect, test } from 'vitest';
import { parseRecord } from '../../utils/data/validate';
import { promptBank } from '../../utils/prompts/bank';
import {
  choosePrompt,
  DAY_MS,
  type PromptContext,
  pinnedPrompts,
  promptsFor,
  SKIP_DAYS,
  skipUntil,
} from '../../utils/prompts/choose';
import type { Prompt, PromptState } from '../../utils/schema/prompt';
import { promptState } from '../../utils/schema/prompt';

const NOW = 1_700_000_000_000;

function prompt(id: string, fields: Partial<Prompt> = {}): Prompt {
  return { id, text: `${id}?`, phase: 'live', role: 'both', theme: 'goals', models: [], ...fields };
}

function state(promptId: string, fields: Partial<PromptState> = {}): PromptState {
  return parseRecord(promptState, {
    id: `pair-1:${promptId}`,
    pairId: 'pair-1',
    promptId,
    pinned: false,
    skippedUntil: 0,
    lastShownAt: 0,
    updatedAt: 'stamp',
    deleted: false,
    deviceId: 'device-a',
    ...fields,
  });
}

const live: PromptContext = { phase: 'live', myRole: 'mentee', model: 'one-to-one', now: NOW };

describe('promptsFor', () => {
  test('offers only prompts of the current phase', () => {
    const prompts = [prompt('p', { phase: 'prep' }), prompt('l'), prompt('r', { phase: 'review' })];
    expect(promptsFor(prompts, live).map((p) => p.id)).toEqual(['l']);
    expect(promptsFor(prompts, { ...live, phase: 'review' }).map((p) => p.id)).toEqual(['r']);
  });

  test('offers prompts for my role and prompts for both roles, never the other role’s', () => {
    const prompts = [
      prompt('mentor', { role: 'mentor' }),
      prompt('mentee', { role: 'mentee' }),
      prompt('both'),
    ];
    expect(promptsFor(prompts, live).map((p) => p.id)).toEqual(['mentee', 'both']);
    expect(promptsFor(prompts, { ...live, myRole: 'mentor' }).map((p) => p.id)).toEqual([
      'mentor',
      'both',
    ]);
  });

  test('offers prompts meant for the pair’s model, and those for every model', () => {
    const prompts = [
      prompt('any'),
      prompt('group', { models: ['group'] }),
      prompt('peer', { models: ['peer', 'reverse'] }),
    ];
    expect(promptsFor(prompts, live).map((p) => p.id)).toEqual(['any']);
    expect(promptsFor(prompts, { ...live, model: 'reverse' }).map((p) => p.id)).toEqual([
      'any',
      'peer',
    ]);
  });

  test('leaves group-circle prompts out for a one-to-one pair, from the real bank', () => {
    const offered = promptsFor(promptBank(), live);
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.every((p) => p.models.length === 0 || p.models.includes('one-to-one'))).toBe(
      true,
    );
    expect(offered.some((p) => p.id === 'bank-options-11')).toBe(false); // a circle prompt
  });
});

describe('choosePrompt', () => {
  const prompts = [prompt('a'), prompt('b'), prompt('c')];

  test('starts with the bank’s first prompt when none has been shown', () => {
    expect(choosePrompt(prompts, [], live)?.id).toBe('a');
  });

  test('shows the prompt seen least recently', () => {
    const states = [
      state('a', { lastShownAt: NOW - 1_000 }),
      state('b', { lastShownAt: NOW - 5_000 }),
      state('c', { lastShownAt: NOW - 2_000 }),
    ];
    expect(choosePrompt(prompts, states, live)?.id).toBe('b');
  });

  test('shows a never-seen prompt before any seen one', () => {
    const states = [state('a', { lastShownAt: NOW - 1 }), state('b', { lastShownAt: NOW - 2 })];
    expect(choosePrompt(prompts, states, live)?.id).toBe('c');
  });

  test('keeps pinned prompts out of the rotation', () => {
    expect(choosePrompt(prompts, [state('a', { pinned: true })], live)?.id).toBe('b');
  });

  test('keeps a skipped prompt away until its skip ends', () => {
    const states = [state('a', { skippedUntil: skipUntil(NOW) })];
    expect(choosePrompt(prompts, states, live)?.id).toBe('b');
    const almost = { ...live, now: NOW + SKIP_DAYS * DAY_MS - 1 };
    expect(choosePrompt(prompts, states, almost)?.id).toBe('b');
  });

  test('brings a skipped prompt back after SKIP_DAYS', () => {
    const states = [state('a', { skippedUntil: skipUntil(NOW) })];
    expect(skipUntil(NOW)).toBe(NOW + 14 * DAY_MS);
    expect(choosePrompt(prompts, states, { ...live, now: NOW + SKIP_DAYS * DAY_MS })?.id).toBe('a');
  });

  test('moves on from the prompt on screen when asked for the next', () => {
    expect(choosePrompt(prompts, [], live, 'a')?.id).toBe('b');
  });

  test('keeps the prompt on screen when it is the only one left', () => {
    const states = [state('b', { pinned: true }), state('c', { skippedUntil: NOW + 1 })];
    expect(choosePrompt(prompts, states, live, 'a')?.id).toBe('a');
  });

  test('shows nothing when every fitting prompt is pinned or skipped', () => {
    const states = [
      state('a', { pinned: true }),
      state('b', { skippedUntil: NOW + DAY_MS }),
      state('c', { pinned: true, skippedUntil: NOW + DAY_MS }),
    ];
    expect(choosePrompt(prompts, states, live)).toBeUndefined();
    expect(choosePrompt([], [], live)).toBeUndefined();
  });

  test('ignores the state of a prompt whose state was deleted', () => {
    const states = [state('a', { pinned: true, deleted: true })];
    expect(choosePrompt(prompts, states, live)?.id).toBe('a');
  });

  test('chooses only among prompts that fit phase and role', () => {
    const mixed = [
      prompt('prep', { phase: 'prep' }),
      prompt('mentor', { role: 'mentor' }),
      prompt('fits'),
    ];
    expect(choosePrompt(mixed, [], live)?.id).toBe('fits');
  });
});

describe('pinnedPrompts', () => {
  test('lists pinned prompts whatever the phase, in bank order', () => {
    const prompts = [prompt('a', { phase: 'prep' }), prompt('b'), prompt('c', { phase: 'review' })];
    const states = [state('c', { pinned: true }), state('a', { pinned: true }), state('b')];
    expect(pinnedPrompts(prompts, states).map((p) => p.id)).toEqual(['a', 'c']);
  });

  test('forgets a pin that was taken off or deleted', () => {
    const prompts = [prompt('a'), prompt('b')];
    const states = [state('a', { pinned: false }), state('b', { pinned: true, deleted: true })];
    expect(pinnedPrompts(prompts, states)).toEqual([]);
  });
});
