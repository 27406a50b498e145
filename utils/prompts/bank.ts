/*
 * Built-in bank of reflective question prompts, all open questions in a warm coaching style.
 * phase: 'prep' before the meeting, 'live' to ask during it, 'review' after it.
 * role: 'mentor' prep/review prompts are the mentor's self-reflection, live ones the mentor asks
 * the mentee; 'mentee' prompts are the mentee's self-reflection or questions they bring; 'both' suits either.
 * theme: the topic, loosely following GROW (goals, reality, options, commitment) plus strengths,
 * feedback, network, wellbeing and the relationship itself.
 * models: the mentoring models a prompt suits; an empty array means every model.
 *
 * The questions themselves are messages (`bank.<theme>_<nn>` in locales/<lang>.yml), so every
 * language has the whole bank; ids stay the same in every language, so pins and skips hold when
 * the browser's language changes.
 */
import { type MessageKey, messageLocale, t } from '../i18n';
import type { Prompt } from '../schema/prompt';
import { arcPromptTexts } from './arc-bank';

export const promptDefinitions: readonly Omit<Prompt, 'text'>[] = [
  { id: 'bank-goals-01', phase: 'prep', role: 'mentee', theme: 'goals', models: [] },
  { id: 'bank-goals-02', phase: 'prep', role: 'mentee', theme: 'goals', models: [] },
  { id: 'bank-goals-03', phase: 'prep', role: 'mentor', theme: 'goals', models: [] },
  { id: 'bank-goals-04', phase: 'live', role: 'mentor', theme: 'goals', models: [] },
  { id: 'bank-goals-05', phase: 'live', role: 'mentor', theme: 'goals', models: [] },
  { id: 'bank-goals-06', phase: 'live', role: 'mentor', theme: 'goals', models: [] },
  { id: 'bank-goals-07', phase: 'live', role: 'both', theme: 'goals', models: [] },
  { id: 'bank-goals-08', phase: 'review', role: 'mentee', theme: 'goals', models: [] },
  { id: 'bank-goals-09', phase: 'review', role: 'mentor', theme: 'goals', models: [] },
  { id: 'bank-goals-10', phase: 'live', role: 'both', theme: 'goals', models: ['peer'] },
  { id: 'bank-goals-11', phase: 'prep', role: 'both', theme: 'goals', models: ['group'] },
  { id: 'bank-reality-01', phase: 'prep', role: 'mentee', theme: 'reality', models: [] },
  { id: 'bank-reality-02', phase: 'prep', role: 'mentee', theme: 'reality', models: [] },
  { id: 'bank-reality-03', phase: 'prep', role: 'mentor', theme: 'reality', models: [] },
  { id: 'bank-reality-04', phase: 'live', role: 'mentor', theme: 'reality', models: [] },
  { id: 'bank-reality-05', phase: 'live', role: 'mentor', theme: 'reality', models: [] },
  { id: 'bank-reality-06', phase: 'live', role: 'mentor', theme: 'reality', models: [] },
  { id: 'bank-reality-07', phase: 'live', role: 'mentor', theme: 'reality', models: [] },
  { id: 'bank-reality-08', phase: 'live', role: 'both', theme: 'reality', models: [] },
  { id: 'bank-reality-09', phase: 'review', role: 'mentor', theme: 'reality', models: [] },
  { id: 'bank-reality-10', phase: 'review', role: 'mentee', theme: 'reality', models: [] },
  { id: 'bank-reality-11', phase: 'live', role: 'mentor', theme: 'reality', models: [] },
  { id: 'bank-reality-12', phase: 'live', role: 'mentee', theme: 'reality', models: ['reverse'] },
  { id: 'bank-options-01', phase: 'prep', role: 'mentee', theme: 'options', models: [] },
  { id: 'bank-options-02', phase: 'prep', role: 'mentor', theme: 'options', models: [] },
  { id: 'bank-options-03', phase: 'live', role: 'mentor', theme: 'options', models: [] },
  { id: 'bank-options-04', phase: 'live', role: 'mentor', theme: 'options', models: [] },
  { id: 'bank-options-05', phase: 'live', role: 'mentor', theme: 'options', models: [] },
  { id: 'bank-options-06', phase: 'live', role: 'mentor', theme: 'options', models: [] },
  { id: 'bank-options-07', phase: 'live', role: 'both', theme: 'options', models: [] },
  { id: 'bank-options-08', phase: 'live', role: 'mentee', theme: 'options', models: [] },
  { id: 'bank-options-09', phase: 'review', role: 'mentee', theme: 'options', models: [] },
  { id: 'bank-options-10', phase: 'review', role: 'mentor', theme: 'options', models: [] },
  { id: 'bank-options-11', phase: 'live', role: 'both', theme: 'options', models: ['group'] },
  { id: 'bank-options-12', phase: 'live', role: 'mentee', theme: 'options', models: ['reverse'] },
  { id: 'bank-commitment-01', phase: 'prep', role: 'mentee', theme: 'commitment', models: [] },
  { id: 'bank-commitment-02', phase: 'prep', role: 'mentor', theme: 'commitment', models: [] },
  { id: 'bank-commitment-03', phase: 'live', role: 'mentor', theme: 'commitment', models: [] },
  { id: 'bank-commitment-04', phase: 'live', role: 'mentor', theme: 'commitment', models: [] },
  { id: 'bank-commitment-05', phase: 'live', role: 'mentor', theme: 'commitment', models: [] },
  { id: 'bank-commitment-06', phase: 'live', role: 'both', theme: 'commitment', models: [] },
  { id: 'bank-commitment-07', phase: 'review', role: 'both', theme: 'commitment', models: [] },
  { id: 'bank-commitment-08', phase: 'review', role: 'mentee', theme: 'commitment', models: [] },
  { id: 'bank-commitment-09', phase: 'review', role: 'mentor', theme: 'commitment', models: [] },
  { id: 'bank-commitment-10', phase: 'review', role: 'both', theme: 'commitment', models: [] },
  { id: 'bank-commitment-11', phase: 'review', role: 'both', theme: 'commitment', models: [] },
  {
    id: 'bank-commitment-12',
    phase: 'review',
    role: 'both',
    theme: 'commitment',
    models: ['group'],
  },
  { id: 'bank-strengths-01', phase: 'prep', role: 'mentee', theme: 'strengths', models: [] },
  { id: 'bank-strengths-02', phase: 'prep', role: 'mentor', theme: 'strengths', models: [] },
  { id: 'bank-strengths-03', phase: 'live', role: 'mentor', theme: 'strengths', models: [] },
  { id: 'bank-strengths-04', phase: 'live', role: 'mentor', theme: 'strengths', models: [] },
  { id: 'bank-strengths-05', phase: 'live', role: 'mentor', theme: 'strengths', models: [] },
  { id: 'bank-strengths-06', phase: 'live', role: 'mentee', theme: 'strengths', models: [] },
  { id: 'bank-strengths-07', phase: 'review', role: 'mentee', theme: 'strengths', models: [] },
  { id: 'bank-strengths-08', phase: 'review', role: 'mentor', theme: 'strengths', models: [] },
  {
    id: 'bank-strengths-09',
    phase: 'live',
    role: 'mentee',
    theme: 'strengths',
    models: ['reverse'],
  },
  {
    id: 'bank-strengths-10',
    phase: 'prep',
    role: 'mentor',
    theme: 'strengths',
    models: ['reverse'],
  },
  { id: 'bank-strengths-11', phase: 'live', role: 'both', theme: 'strengths', models: [] },
  { id: 'bank-feedback-01', phase: 'prep', role: 'mentee', theme: 'feedback', models: [] },
  { id: 'bank-feedback-02', phase: 'prep', role: 'mentor', theme: 'feedback', models: [] },
  { id: 'bank-feedback-03', phase: 'live', role: 'mentor', theme: 'feedback', models: [] },
  { id: 'bank-feedback-04', phase: 'live', role: 'mentor', theme: 'feedback', models: [] },
  { id: 'bank-feedback-05', phase: 'live', role: 'mentee', theme: 'feedback', models: [] },
  { id: 'bank-feedback-06', phase: 'live', role: 'both', theme: 'feedback', models: [] },
  { id: 'bank-feedback-07', phase: 'review', role: 'mentor', theme: 'feedback', models: [] },
  { id: 'bank-feedback-08', phase: 'review', role: 'mentee', theme: 'feedback', models: [] },
  { id: 'bank-feedback-09', phase: 'review', role: 'both', theme: 'feedback', models: [] },
  { id: 'bank-feedback-10', phase: 'live', role: 'both', theme: 'feedback', models: ['peer'] },
  {
    id: 'bank-feedback-11',
    phase: 'review',
    role: 'mentee',
    theme: 'feedback',
    models: ['reverse'],
  },
  { id: 'bank-network-01', phase: 'prep', role: 'mentee', theme: 'network', models: [] },
  { id: 'bank-network-02', phase: 'prep', role: 'mentor', theme: 'network', models: [] },
  { id: 'bank-network-03', phase: 'live', role: 'mentor', theme: 'network', models: [] },
  { id: 'bank-network-04', phase: 'live', role: 'mentor', theme: 'network', models: [] },
  { id: 'bank-network-05', phase: 'live', role: 'mentor', theme: 'network', models: [] },
  { id: 'bank-network-06', phase: 'live', role: 'mentee', theme: 'network', models: [] },
  { id: 'bank-network-07', phase: 'review', role: 'mentee', theme: 'network', models: [] },
  { id: 'bank-network-08', phase: 'review', role: 'mentor', theme: 'network', models: [] },
  { id: 'bank-network-09', phase: 'live', role: 'both', theme: 'network', models: ['group'] },
  { id: 'bank-network-10', phase: 'prep', role: 'both', theme: 'network', models: [] },
  { id: 'bank-wellbeing-01', phase: 'prep', role: 'mentee', theme: 'wellbeing', models: [] },
  { id: 'bank-wellbeing-02', phase: 'prep', role: 'mentor', theme: 'wellbeing', models: [] },
  { id: 'bank-wellbeing-03', phase: 'live', role: 'mentor', theme: 'wellbeing', models: [] },
  { id: 'bank-wellbeing-04', phase: 'live', role: 'mentor', theme: 'wellbeing', models: [] },
  { id: 'bank-wellbeing-05', phase: 'live', role: 'mentor', theme: 'wellbeing', models: [] },
  { id: 'bank-wellbeing-06', phase: 'live', role: 'both', theme: 'wellbeing', models: [] },
  { id: 'bank-wellbeing-07', phase: 'review', role: 'mentee', theme: 'wellbeing', models: [] },
  { id: 'bank-wellbeing-08', phase: 'review', role: 'mentor', theme: 'wellbeing', models: [] },
  { id: 'bank-wellbeing-09', phase: 'prep', role: 'mentee', theme: 'wellbeing', models: [] },
  { id: 'bank-wellbeing-10', phase: 'live', role: 'mentor', theme: 'wellbeing', models: [] },
  { id: 'bank-relationship-01', phase: 'prep', role: 'both', theme: 'relationship', models: [] },
  { id: 'bank-relationship-02', phase: 'prep', role: 'mentee', theme: 'relationship', models: [] },
  { id: 'bank-relationship-03', phase: 'prep', role: 'mentor', theme: 'relationship', models: [] },
  { id: 'bank-relationship-04', phase: 'live', role: 'both', theme: 'relationship', models: [] },
  { id: 'bank-relationship-05', phase: 'live', role: 'both', theme: 'relationship', models: [] },
  { id: 'bank-relationship-06', phase: 'live', role: 'both', theme: 'relationship', models: [] },
  { id: 'bank-relationship-07', phase: 'live', role: 'mentor', theme: 'relationship', models: [] },
  { id: 'bank-relationship-08', phase: 'live', role: 'mentee', theme: 'relationship', models: [] },
  { id: 'bank-relationship-09', phase: 'live', role: 'both', theme: 'relationship', models: [] },
  {
    id: 'bank-relationship-10',
    phase: 'review',
    role: 'mentor',
    theme: 'relationship',
    models: [],
  },
  {
    id: 'bank-relationship-11',
    phase: 'review',
    role: 'mentee',
    theme: 'relationship',
    models: [],
  },
  { id: 'bank-relationship-12', phase: 'review', role: 'both', theme: 'relationship', models: [] },
  {
    id: 'bank-relationship-13',
    phase: 'prep',
    role: 'mentor',
    theme: 'relationship',
    models: ['group'],
  },
  {
    id: 'bank-relationship-14',
    phase: 'live',
    role: 'both',
    theme: 'relationship',
    models: ['reverse'],
  },
];

/** The message key of a built-in prompt: `bank-goals-01` → `bank.goals_01`. */
export function bankKey(id: string): MessageKey {
  return `bank.${id.slice('bank-'.length).replace('-', '_')}` as MessageKey;
}

let cached: { locale: string; prompts: readonly Prompt[] } | undefined;

/** The built-in prompts, worded in the user's language. */
export function promptBank(): readonly Prompt[] {
  const locale = messageLocale();
  if (cached?.locale !== locale) {
    cached = {
      locale,
      prompts: [
        ...promptDefinitions.map((p) => ({ ...p, text: t(bankKey(p.id)) })),
        ...arcPromptTexts(),
      ],
    };
  }
  return cached.prompts;
}
