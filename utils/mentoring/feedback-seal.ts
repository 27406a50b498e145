import { type FeedbackAnswers, feedbackAnswers, type SealedAnswers } from '../schema/feedback';
import { fromBase64url, toBase64url } from '../sync/crypto';

/**
 * Commit, then reveal: a side's feedback answers are sealed with AES-256-GCM under a fresh
 * random key of their own, and the record carries a commitment to that key and ciphertext
 * (SHA-256 over key ‖ iv ‖ ct). The key stays in its author's browser until both sides have
 * submitted; whoever holds the record before then holds a ciphertext it cannot open — the other
 * member's device and anyone with the pair's key included. A revealed key opens the answers
 * only when it matches the commitment, so an author cannot hand out a different key (or swap
 * the ciphertext) after seeing the other side's answers.
 */

/** What the ciphertext is bound to: it opens under no other pair, session, side or record. */
export interface SealContext {
  id: string;
  pairId: string;
  sessionId: string;
  side: string;
}

export interface Sealed {
  sealed: SealedAnswers;
  commitment: string;
  /** The raw answer key, base64url: kept by the author only, until revealed. */
  key: string;
}

export type Opened =
  | { ok: true; answers: FeedbackAnswers }
  | { ok: false; reason: 'commitment' | 'unreadable' };

const encoder = new TextEncoder();

function associatedData(context: SealContext): Uint8Array<ArrayBuffer> {
  return encoder.encode(
    ['tandem/feedback/v1', context.pairId, context.sessionId, context.side, context.id].join('|'),
  );
}

function importKey(raw: Uint8Array<ArrayBuffer>, usage: KeyUsage): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, [usage]);
}

/** SHA-256 over key ‖ iv ‖ ct, base64url. */
export async function commitmentOf(
  key: Uint8Array<ArrayBuffer>,
  iv: Uint8Array<ArrayBuffer>,
  ct: Uint8Array<ArrayBuffer>,
): Promise<string> {
  const joined = new Uint8Array(key.length + iv.length + ct.length);
  joined.set(key, 0);
  joined.set(iv, key.length);
  joined.set(ct, key.length + iv.length);
  return toBase64url(new Uint8Array(await crypto.subtle.digest('SHA-256', joined)));
}

/** Seals answers under a fresh key; the answers are validated first. */
export async function sealAnswers(answers: FeedbackAnswers, context: SealContext): Promise<Sealed> {
  const plain = feedbackAnswers.parse(answers);
  const key = crypto.getRandomValues(new Uint8Array(32));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: associatedData(context) },
      await importKey(key, 'encrypt'),
      encoder.encode(JSON.stringify(plain)),
    ),
  );
  return {
    sealed: { iv: toBase64url(iv), ct: toBase64url(ct) },
    commitment: await commitmentOf(key, iv, ct),
    key: toBase64url(key),
  };
}

/** Whether a key is the one the record committed to (checked before a key is revealed). */
export async function keyMatches(
  record: { sealed: SealedAnswers; commitment: string },
  key: string,
): Promise<boolean> {
  try {
    const raw = fromBase64url(key);
    const made = await commitmentOf(
      raw,
      fromBase64url(record.sealed.iv),
      fromBase64url(record.sealed.ct),
    );
    return raw.length === 32 && made === record.commitment;
  } catch {
    return false;
  }
}

/**
 * Opens a side's answers with a key: only if the key and ciphertext are the ones committed to,
 * the ciphertext opens under this record's context and what it holds is valid answers.
 */
export async function openAnswers(
  record: SealContext & { sealed: SealedAnswers; commitment: string },
  key: string,
): Promise<Opened> {
  if (!(await keyMatches(record, key))) return { ok: false, reason: 'commitment' };
  try {
    const plain = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: fromBase64url(record.sealed.iv),
        additionalData: associatedData(record),
      },
      await importKey(fromBase64url(key), 'decrypt'),
      fromBase64url(record.sealed.ct),
    );
    const answers = feedbackAnswers.safeParse(JSON.parse(new TextDecoder().decode(plain)));
    return answers.success
      ? { ok: true, answers: answers.data }
      : { ok: false, reason: 'unreadable' };
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
}

/**
 * What a group member's reveal is bound to (their `revealedAgainst`): SHA-256 over every other
 * member's record id and commitment, sorted. Read back, the others' answers show only while their
 * records still carry those commitments.
 */
export async function groupCommitment(
  others: readonly { id: string; commitment: string }[],
): Promise<string> {
  const lines = others.map((r) => `${r.id}=${r.commitment}`).sort();
  const digest = await crypto.subtle.digest(
    'SHA-256',
    encoder.encode(['tandem/feedback/group/v1', ...lines].join('\n')),
  );
  return toBase64url(new Uint8Array(digest));
}
