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
import type { MentoringModel } from '../schema/pair';
import type { Prompt, PromptTheme } from '../schema/prompt';
import { arcPromptTexts } from './arc-bank';

/**
 * The bank, theme by theme, in id order (`bank-<theme>-01`, `-02`, …): per prompt its phase
 * (p: prep, l: live, r: review) and role (e: mentee, o: mentor, b: both), then `/` and the
 * models it suits when not every model (`/peer`, `/group+reverse`). Written this short because
 * the panel's first view carries it (`npm run bench`, tests/e2e/build.spec.ts's budget); a new
 * prompt is a code at the end of its theme and a message `bank.<theme>_<nn>` in every locale.
 */
const BANK: Record<PromptTheme, string> = {
  goals: 'pe pe po lo lo lo lb re ro lb/peer pb/group',
  reality: 'pe pe po lo lo lo lo lb ro re lo le/reverse',
  options: 'pe po lo lo lo lo lb le re ro lb/group le/reverse',
  commitment: 'pe po lo lo lo lb rb re ro rb rb rb/group',
  strengths: 'pe po lo lo lo le re ro le/reverse po/reverse lb',
  feedback: 'pe po lo lo le lb ro re rb lb/peer re/reverse',
  network: 'pe po lo lo lo le re ro lb/group pb',
  wellbeing: 'pe po lo lo lo lb re ro pe lo',
  relationship: 'pb pe po lb lb lb lo le lb ro re rb po/group lb/reverse',
};
const PHASES = { p: 'prep', l: 'live', r: 'review' } as const;
const ROLES = { e: 'mentee', o: 'mentor', b: 'both' } as const;

export const promptDefinitions: readonly Omit<Prompt, 'text'>[] = Object.entries(BANK).flatMap(
  ([theme, codes]) =>
    codes.split(' ').map((code, i) => {
      const [kind = '', models] = code.split('/');
      return {
        id: `bank-${theme}-${String(i + 1).padStart(2, '0')}`,
        phase: PHASES[kind[0] as keyof typeof PHASES],
        role: ROLES[kind[1] as keyof typeof ROLES],
        theme: theme as PromptTheme,
        models: (models?.split('+') ?? []) as MentoringModel[],
      };
    }),
);

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
