import type { MentorRole } from '../schema/mentor-role';
import type { Prompt, PromptTheme } from '../schema/prompt';

/**
 * The mentor's roles each built-in prompt serves (utils/prompts/bank.ts), kept apart from the
 * bank: by theme, with the prompts whose question leans elsewhere named one by one. A custom
 * prompt carries its own (`mentorRoles`). A unit test checks every bank prompt has roles.
 */
const byTheme: Record<PromptTheme, readonly MentorRole[]> = {
  goals: ['challenger'],
  reality: ['challenger'],
  options: ['advisor', 'challenger'],
  commitment: ['challenger'],
  strengths: ['supporter'],
  feedback: ['advisor'],
  network: ['connector'],
  wellbeing: ['supporter'],
  relationship: ['supporter'],
};

/** Prompts that serve other roles than their theme's, by id. */
const overrides: Record<string, readonly MentorRole[]> = {
  'bank-goals-06': ['challenger', 'supporter'],
  'bank-reality-02': ['challenger', 'supporter'],
  'bank-reality-05': ['supporter', 'challenger'],
  'bank-options-05': ['connector', 'advisor'],
  'bank-options-06': ['challenger'],
  'bank-options-08': ['advisor'],
  'bank-commitment-01': ['challenger', 'supporter'],
  'bank-strengths-03': ['supporter', 'challenger'],
  'bank-feedback-02': ['advisor', 'challenger'],
  'bank-feedback-05': ['challenger'],
  'bank-feedback-11': ['challenger'],
  'bank-network-04': ['supporter', 'connector'],
  'bank-network-05': ['connector', 'advisor'],
};

/** The roles a prompt serves: its own tags, or the bank's. */
export function promptMentorRoles(
  prompt: Pick<Prompt, 'id' | 'theme' | 'mentorRoles'>,
): readonly MentorRole[] {
  if (prompt.mentorRoles && prompt.mentorRoles.length > 0) return prompt.mentorRoles;
  if (prompt.id.startsWith('custom-')) return [];
  return overrides[prompt.id] ?? byTheme[prompt.theme];
}

/** The prompts that serve a role; every prompt when none is chosen. */
export function promptsServing<T extends Pick<Prompt, 'id' | 'theme' | 'mentorRoles'>>(
  prompts: readonly T[],
  role: MentorRole | null,
): T[] {
  return role ? prompts.filter((p) => promptMentorRoles(p).includes(role)) : [...prompts];
}

/** The ids with their own roles, for the test that every one names a bank prompt. */
export const overriddenPromptIds = Object.keys(overrides);
