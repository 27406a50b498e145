import { type LogEntry, MAX_CIPHERTEXT, type pullResponse } from '@tandem/protocol';
import type * as z from 'zod/mini';

type PullPage = z.infer<typeof pullResponse>;

const SERVER_ID = /^[A-Za-z0-9_-]{22}$/;
const RECORD_ID = /^[A-Za-z0-9_:-]{1,128}$/;
const IV = /^[A-Za-z0-9_-]{16}$/;

/**
 * The pull page checked against the protocol's `pullResponse` before it is sent, as
 * checkResponse does for every other answer, but by hand: under load pulls are most of the event
 * loop, and zod re-checked every entry's ciphertext character by character and copied the whole
 * page (13% of the loop in a profile of the benchmark's sync phase). The ciphertext's length and
 * type are checked here; its characters were checked by `pushRequest` when it was stored, and
 * only a push stores one. A mismatch is a server bug: a 500, as from checkResponse.
 */
export function checkPullPage(page: PullPage): PullPage {
  const bad = (what: string): never => {
    throw new Error(`The pull page does not fit the protocol: ${what}.`);
  };
  if (!Number.isFinite(page.cursor)) bad('cursor');
  if (typeof page.more !== 'boolean') bad('more');
  if (page.head !== undefined && !Number.isFinite(page.head)) bad('head');
  if (!Array.isArray(page.entries)) bad('entries');
  page.entries.forEach((entry: LogEntry, index) => {
    const { envelope } = entry;
    if (
      !Number.isFinite(entry.seq) ||
      !Number.isFinite(entry.mutationId) ||
      typeof entry.recordId !== 'string' ||
      !RECORD_ID.test(entry.recordId) ||
      typeof entry.deviceId !== 'string' ||
      !SERVER_ID.test(entry.deviceId) ||
      typeof entry.receivedAt !== 'string' ||
      (envelope?.v !== 1 && envelope?.v !== 2) ||
      typeof envelope.iv !== 'string' ||
      !IV.test(envelope.iv) ||
      typeof envelope.ct !== 'string' ||
      envelope.ct.length < 1 ||
      envelope.ct.length > MAX_CIPHERTEXT
    ) {
      bad(`entries.${index}`);
    }
  });
  return page;
}
