import { describe, expect, test } from 'vitest';
import { commandTarget } from '../../utils/panel/command-target';

const base = {
  pairShown: true,
  sessionModes: true,
  view: 'main',
  selectedTab: 'review',
  pageMode: 'review',
} as const;

describe('where a keyboard command goes', () => {
  test('adding an action item stays in Prep or Live, and opens Live from anywhere else', () => {
    const add = { ...base, command: 'add-action-item' } as const;
    expect(commandTarget({ ...add, selectedTab: 'prep' })).toBe('prep');
    expect(commandTarget({ ...add, selectedTab: 'live' })).toBe('live');
    expect(commandTarget({ ...add, selectedTab: 'review' })).toBe('live');
    expect(commandTarget({ ...add, selectedTab: 'history' })).toBe('live');
  });

  test('the next prompt stays where prompts are, else goes to the mode the page calls for', () => {
    const next = { ...base, command: 'next-prompt' } as const;
    expect(commandTarget({ ...next, selectedTab: 'review' })).toBe('review');
    expect(commandTarget({ ...next, selectedTab: 'prep' })).toBe('prep');
    expect(commandTarget({ ...next, selectedTab: 'pair', pageMode: 'live' })).toBe('live');
    expect(commandTarget({ ...next, selectedTab: 'history', pageMode: 'review' })).toBe('review');
  });

  test("is dropped while a pair's form is filled in, with no pair, or with another pair's meeting", () => {
    const add = { ...base, command: 'add-action-item' } as const;
    expect(commandTarget({ ...add, view: 'new-pair' })).toBeNull();
    expect(commandTarget({ ...add, view: 'new-pair-from-meeting' })).toBeNull();
    expect(commandTarget({ ...add, view: 'edit-pair' })).toBeNull();
    expect(commandTarget({ ...add, pairShown: false })).toBeNull();
    expect(commandTarget({ ...add, sessionModes: false })).toBeNull();
    // The help is left for the command: it is not a form.
    expect(commandTarget({ ...add, view: 'help' })).toBe('live');
  });
});
