/*
 * Prompts for the phases of the relationship's arc (utils/mentoring/arc.ts), added to the bank
 * (utils/prompts/bank.ts): each shows only while the pair is in one of its `arcPhases`, and
 * choosePrompt prefers them then. Some are for one model: reverse mentoring's prompts on what the
 * mentor learns, the group's round of check-ins, the peer pair's turn-taking. The questions are
 * messages (`arc.bank.<phase>_<nn>` in locales/<lang>.yml).
 */
import { type MessageKey, t } from '../i18n';
import type { Prompt } from '../schema/prompt';

type ArcPrompt = Omit<Prompt, 'text' | 'arcPhases'>;

export const arcPromptDefinitions: readonly Omit<Prompt, 'text'>[] = (
  [
    { id: 'arc-agreement-01', phase: 'live', role: 'both', theme: 'relationship', models: [] },
    { id: 'arc-agreement-02', phase: 'live', role: 'both', theme: 'relationship', models: [] },
    { id: 'arc-agreement-03', phase: 'prep', role: 'mentee', theme: 'goals', models: [] },
    {
      id: 'arc-agreement-04',
      phase: 'prep',
      role: 'mentor',
      theme: 'strengths',
      models: ['reverse'],
    },
    { id: 'arc-direction-01', phase: 'prep', role: 'mentee', theme: 'goals', models: [] },
    { id: 'arc-direction-02', phase: 'live', role: 'mentor', theme: 'goals', models: [] },
    { id: 'arc-direction-03', phase: 'live', role: 'both', theme: 'goals', models: ['group'] },
    { id: 'arc-progress-01', phase: 'live', role: 'mentor', theme: 'reality', models: [] },
    {
      id: 'arc-progress-02',
      phase: 'review',
      role: 'mentor',
      theme: 'feedback',
      models: ['reverse'],
    },
    { id: 'arc-progress-03', phase: 'live', role: 'both', theme: 'reality', models: ['group'] },
    { id: 'arc-progress-04', phase: 'prep', role: 'both', theme: 'relationship', models: ['peer'] },
    { id: 'arc-winding-down-01', phase: 'prep', role: 'mentee', theme: 'commitment', models: [] },
    { id: 'arc-winding-down-02', phase: 'live', role: 'mentor', theme: 'commitment', models: [] },
    { id: 'arc-winding-down-03', phase: 'review', role: 'both', theme: 'network', models: [] },
    { id: 'arc-closing-01', phase: 'live', role: 'both', theme: 'goals', models: [] },
    { id: 'arc-closing-02', phase: 'review', role: 'mentor', theme: 'relationship', models: [] },
    { id: 'arc-closing-03', phase: 'review', role: 'mentee', theme: 'relationship', models: [] },
    {
      id: 'arc-closing-04',
      phase: 'review',
      role: 'mentor',
      theme: 'feedback',
      models: ['reverse'],
    },
  ] satisfies ArcPrompt[]
).map((p) => ({ ...p, arcPhases: [arcPhaseOf(p.id)] }));

function arcPhaseOf(id: string): NonNullable<Prompt['arcPhases']>[number] {
  return id.slice('arc-'.length, -'-01'.length) as NonNullable<Prompt['arcPhases']>[number];
}

/** The message key of an arc prompt: `arc-winding-down-01` → `arc.bank.winding_down_01`. */
export function arcBankKey(id: string): MessageKey {
  return `arc.bank.${id.slice('arc-'.length).replaceAll('-', '_')}` as MessageKey;
}

export function arcPromptTexts(): Prompt[] {
  return arcPromptDefinitions.map((p) => ({ ...p, text: t(arcBankKey(p.id)) }));
}
