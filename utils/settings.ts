import { storage } from 'wxt/utils/storage';

/**
 * Every setting Tandem keeps in extension storage. Never secrets: content scripts can read
 * storage.local (DESIGN.md, security rules). Records live in Dexie, not here.
 */

/** The pair the panel shows; null until the user creates or picks one. */
export const currentPairId = storage.defineItem<string | null>('local:currentPairId', {
  fallback: null,
});

/** This browser's device id: the tie-breaker of hybrid logical clock stamps. */
export const deviceId = storage.defineItem<string>('local:deviceId', {
  init: () => crypto.randomUUID(),
});

/**
 * Origins of self-hosted Jitsi servers the user granted from the options page
 * (e.g. "https://jitsi.example.org"); read like meet.jit.si.
 */
export const customJitsiOrigins = storage.defineItem<string[]>('local:customJitsiOrigins', {
  fallback: [],
});

/** The list above as get/set, the shape utils/context/custom-hosts.ts works with. */
export const customJitsiOriginsStore = {
  get: () => customJitsiOrigins.getValue(),
  set: (origins: string[]) => customJitsiOrigins.setValue(origins),
};

/** Rhythm nudges on the pair's home (utils/mentoring/nudges.ts); they never leave the browser. */
export const nudgesEnabled = storage.defineItem<boolean>('local:nudgesEnabled', { fallback: true });

/** Nudges the user dismissed, by id (an id changes when the situation does). */
export const dismissedNudges = storage.defineItem<string[]>('local:dismissedNudges', {
  fallback: [],
});

/** The first-run introduction in the panel was dismissed (or a pair was made): not shown again. */
export const onboardingDismissed = storage.defineItem<boolean>('local:onboardingDismissed', {
  fallback: false,
});
