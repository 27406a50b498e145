import * as z from 'zod/mini';

/**
 * The mentor's four hats: Advisor (shares lessons), Challenger (stretches thinking), Connector
 * (opens doors to people and opportunities), Supporter (encourages in hard moments). Prompts,
 * goals and role notes are tagged with them (docs/mentor-roles.md).
 */
export const mentorRoles = ['advisor', 'challenger', 'connector', 'supporter'] as const;
export const mentorRole = z.enum(mentorRoles);
export type MentorRole = z.infer<typeof mentorRole>;

/** A set of roles, each at most once, kept in the order of `mentorRoles`. */
export const mentorRoleList = z.array(mentorRole).check(
  z.maxLength(mentorRoles.length),
  z.refine((roles) => new Set(roles).size === roles.length),
);

/** Roles in their canonical order, each once: what a write stores. */
export function sortedRoles(roles: Iterable<MentorRole>): MentorRole[] {
  const set = new Set(roles);
  return mentorRoles.filter((r) => set.has(r));
}
