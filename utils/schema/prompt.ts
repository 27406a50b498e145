import * as z from 'zod/mini';
import { t } from '../i18n';
import { arcPhase } from './arc';
import { recordId, syncedFields } from './common';
import { mentorRoleList } from './mentor-role';
import { mentoringModel } from './pair';

export const promptPhases = ['prep', 'live', 'review'] as const;
export const promptPhase = z.enum(promptPhases);
export type PromptPhase = z.infer<typeof promptPhase>;

export const promptRoles = ['mentor', 'mentee', 'both'] as const;
export const promptRole = z.enum(promptRoles);
export type PromptRole = z.infer<typeof promptRole>;

export const promptThemes = [
  'goals',
  'reality',
  'options',
  'commitment',
  'strengths',
  'feedback',
  'network',
  'wellbeing',
  'relationship',
] as const;
export const promptTheme = z.enum(promptThemes);
export type PromptTheme = z.infer<typeof promptTheme>;

/** A question of the built-in bank (utils/prompts/bank.ts) or one a pair wrote. */
export const promptShape = z.object({
  id: recordId,
  text: z.string().check(z.minLength(1, { error: () => t('schema.promptText') }), z.maxLength(500)),
  phase: promptPhase,
  role: promptRole,
  theme: promptTheme,
  /** The mentoring models it suits; empty means every model. */
  models: z.array(mentoringModel),
  /** The mentor's roles it serves; the bank's are in utils/prompts/roles.ts. */
  mentorRoles: z.optional(mentorRoleList),
  /** The phases of the relationship's arc it is for (utils/prompts/arc-bank.ts); unset: any. */
  arcPhases: z.optional(z.array(arcPhase)),
});
export type Prompt = z.infer<typeof promptShape>;

/** A prompt a pair added itself. */
export const customPrompt = z.object({
  ...syncedFields,
  ...promptShape.shape,
  pairId: recordId,
  createdAt: z.number(),
});
export type CustomPrompt = z.infer<typeof customPrompt>;

/** What a pair did with one prompt: pinned it, skipped it until a time, last saw it. */
export const promptState = z.object({
  ...syncedFields,
  pairId: recordId,
  promptId: recordId,
  pinned: z.boolean(),
  /** Epoch ms; 0 when not skipped. */
  skippedUntil: z.number(),
  /** Epoch ms; 0 when never shown. */
  lastShownAt: z.number(),
});
export type PromptState = z.infer<typeof promptState>;
