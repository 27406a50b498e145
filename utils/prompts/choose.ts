import type { ArcPhase } from '../schema/arc';
import type { Role } from '../schema/common';
import type { MentoringModel } from '../schema/pair';
import type { Prompt, PromptPhase, PromptState } from '../schema/prompt';

/** A skipped prompt stays away this long. */
export const SKIP_DAYS = 14;
export const DAY_MS = 24 * 60 * 60 * 1000;

export interface PromptContext {
  phase: PromptPhase;
  myRole: Role;
  model: MentoringModel;
  now: number;
  /** Where the pair is in its arc: prompts of this phase come first, other phases' stay away. */
  arcPhase?: ArcPhase;
}

export function stateById(states: readonly PromptState[]): Map<string, PromptState> {
  return new Map(states.filter((s) => !s.deleted).map((s) => [s.promptId, s]));
}

/**
 * Prompts for this phase, for my role (or both roles) and for the pair's model. In peer
 * mentoring both members take both roles: prompts of every role fit (labelled neutrally).
 */
export function promptsFor(prompts: readonly Prompt[], context: PromptContext): Prompt[] {
  return prompts.filter(
    (p) =>
      p.phase === context.phase &&
      (p.role === 'both' || context.model === 'peer' || p.role === context.myRole) &&
      (p.models.length === 0 || p.models.includes(context.model)) &&
      (!p.arcPhases || (!!context.arcPhase && p.arcPhases.includes(context.arcPhase))),
  );
}

export function isSkipped(state: PromptState | undefined, now: number): boolean {
  return !!state && state.skippedUntil > now;
}

/**
 * The prompt to show next: of those that fit, not pinned (pinned ones are shown apart) and not
 * skipped, the one seen least recently; never-seen prompts keep the bank's order. `exclude`
 * leaves out the prompt on screen, so "next" always moves on when there is another.
 */
export function choosePrompt(
  prompts: readonly Prompt[],
  states: readonly PromptState[],
  context: PromptContext,
  exclude?: string,
): Prompt | undefined {
  const byId = stateById(states);
  const candidates = promptsFor(prompts, context).filter((p) => {
    const state = byId.get(p.id);
    return !state?.pinned && !isSkipped(state, context.now);
  });
  const ranked = candidates
    .map((prompt, index) => ({
      prompt,
      // The current arc phase's own prompts first, among those seen as long ago.
      index: prompt.arcPhases ? index - prompts.length : index,
      seen: byId.get(prompt.id)?.lastShownAt ?? 0,
    }))
    .sort((a, b) => a.seen - b.seen || a.index - b.index);
  return (ranked.find((r) => r.prompt.id !== exclude) ?? ranked[0])?.prompt;
}

/** Pinned prompts, whatever the phase: the pair chose to keep them in view. */
export function pinnedPrompts(
  prompts: readonly Prompt[],
  states: readonly PromptState[],
): Prompt[] {
  const byId = stateById(states);
  return prompts.filter((p) => byId.get(p.id)?.pinned);
}

export function skipUntil(now: number): number {
  return now + SKIP_DAYS * DAY_MS;
}
