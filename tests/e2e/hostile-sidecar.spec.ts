import { describe, expect, test } from 'vitest';
import { decryptRecord, derivePairKeys, fromBase64url } from '../../utils/sync/crypto';
import { splitSecrets } from '../../utils/sync/epochs';
import { newExchangeKeyPair } from '../../utils/sync/keys';
import { addAgendaItem, createPair, openTab, readTable } from './panel-page';
import { joinPair, openOptions, pairSecretOf, sharePair, sharingHarness } from './sharing';

/**
 * A dishonest sidecar, as the proxy in front of the real one plays it: it relabels the mentor's
 * new entry as the mentee's own, hoping the mentee's browser skips it unread (so the mentee
 * never sees it, and nobody notices). The mentee's browser checks the writer sealed inside the
 * envelope, refuses the entry, says so in words on the options page and in the panel, and takes
 * it once the log is honest again.
 */

const harness = sharingHarness();

describe('a dishonest sidecar', () => {
  test('an entry relabelled with the reader’s own device is refused with a warning, then taken once the log is honest', async () => {
    const mentor = await harness.launch();
    const mentee = await harness.launch();
    const mentorPanel = await mentor.openPanel();
    await createPair(mentorPanel, {
      title: 'Priya and Sam',
      myRole: 'mentor',
      members: [
        { name: 'Priya', email: 'priya@example.org', role: 'mentor' },
        { name: 'Sam', email: 'sam@example.org', role: 'mentee' },
      ],
    });
    const { options: mentorOptions, code } = await sharePair(mentor, harness.proxy.url);
    const { options: menteeOptions } = await joinPair(mentee, code, mentorOptions);
    const menteePanel = await mentee.openPanel();
    await expect
      .poll(async () => (await readTable(menteePanel, 'tandem', 'pairs')).length, {
        timeout: 10_000,
      })
      .toBe(1);
    const mentorDevice = (await pairSecretOf(mentorOptions)).deviceId;
    const menteeDevice = (await pairSecretOf(menteeOptions)).deviceId;

    harness.proxy.rewritePulls((answer) => ({
      ...answer,
      entries: answer.entries.map((entry) =>
        entry.deviceId === mentorDevice ? { ...entry, deviceId: menteeDevice } : entry,
      ),
    }));
    await openTab(mentorPanel, 'Prep');
    await addAgendaItem(mentorPanel, 'Salary talk: what to ask for');

    const warning = menteeOptions.getByTestId('integrity-warning');
    await expect.poll(() => warning.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await warning.textContent()).toContain('does not verify');
    await expect
      .poll(() => menteePanel.getByTestId('sync-status').textContent(), { timeout: 10_000 })
      .toContain('does not verify');
    const agenda = async () =>
      (await readTable(menteePanel, 'tandem', 'agendaItems')).map((item) => item.text);
    expect(await agenda()).not.toContain('Salary talk: what to ask for');

    // The sidecar behaves again; the mentee reads the warning and dismisses it.
    harness.proxy.rewritePulls(null);
    await menteeOptions.setViewportSize({ width: 400, height: 900 });
    await menteeOptions.getByRole('button', { name: 'I have read this' }).click();
    await expect.poll(() => warning.count()).toBe(0);
    // The refused entry did not move the mentee's cursor: the next pull takes it.
    await addAgendaItem(mentorPanel, 'Next: the launch retro');
    await expect
      .poll(agenda, { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['Salary talk: what to ask for', 'Next: the launch retro']));
  });
});

describe('removing a browser', () => {
  test('moves the pair to a new key: what is written after does not open with anything the removed browser kept', async () => {
    const mentor = await harness.launch();
    const mentee = await harness.launch();
    const old = await harness.launch();
    const mentorPanel = await mentor.openPanel();
    await createPair(mentorPanel, {
      title: 'Lena and Tom',
      myRole: 'mentor',
      members: [
        { name: 'Lena', email: 'lena@example.org', role: 'mentor' },
        { name: 'Tom', email: 'tom@example.org', role: 'mentee' },
      ],
    });
    const { options: mentorOptions, code } = await sharePair(mentor, harness.proxy.url);
    const { options: menteeOptions } = await joinPair(mentee, code, mentorOptions, 'Tom laptop');
    await mentorOptions.getByRole('button', { name: 'New invite' }).click();
    const codeBox = mentorOptions.getByLabel('Invite code', { exact: true });
    await expect.poll(() => codeBox.inputValue(), { timeout: 10_000 }).not.toBe(code);
    const { options: oldOptions } = await joinPair(
      old,
      await codeBox.inputValue(),
      mentorOptions,
      'Tom old laptop',
    );
    const kept = await pairSecretOf(oldOptions);
    const writers = [
      (await pairSecretOf(mentorOptions)).deviceId,
      (await pairSecretOf(menteeOptions)).deviceId,
    ];

    await mentorOptions.getByRole('button', { name: 'Devices' }).click();
    await mentorOptions.getByRole('button', { name: 'Remove Tom old laptop' }).click();
    await expect
      .poll(() => mentorOptions.getByTestId('sync-message').textContent(), { timeout: 15_000 })
      .toContain('sealed with a new key it never receives');
    const removedAt = harness.proxy.bodies.length;

    await openTab(mentorPanel, 'Prep');
    await addAgendaItem(mentorPanel, 'Written after the removal');
    const menteePanel = await mentee.openPanel();
    await expect
      .poll(
        async () =>
          (await readTable(menteePanel, 'tandem', 'agendaItems')).map((item) => item.text),
        { timeout: 20_000 },
      )
      .toContain('Written after the removal');

    // Every push body the sidecar received: those under the new key do not open with any key
    // or secret the removed browser kept; the ones before it did.
    const keys = await Promise.all(
      splitSecrets(fromBase64url(kept.secret)).map(async (s) => (await derivePairKeys(s)).content),
    );
    let before = 0;
    let after = 0;
    for (const [index, body] of harness.proxy.bodies.entries()) {
      const parsed = JSON.parse(body) as {
        mutations?: { mutationId: number; recordId: string; envelope: unknown }[];
      };
      for (const mutation of parsed.mutations ?? []) {
        let opened = false;
        for (const key of keys) {
          for (const deviceId of writers) {
            for (const epoch of [0, 1, 2]) {
              try {
                await decryptRecord(
                  key,
                  kept.spaceId,
                  mutation.recordId,
                  mutation.envelope,
                  { deviceId, mutationId: mutation.mutationId },
                  epoch,
                );
                opened = true;
              } catch {
                // Not this key, writer or epoch.
              }
            }
          }
        }
        if (index >= removedAt) {
          after += 1;
          expect(opened).toBe(false);
        } else if (opened) {
          before += 1;
        }
      }
    }
    expect(before).toBeGreaterThan(0);
    expect(after).toBeGreaterThan(0);
  });
});

describe('a sidecar that swaps keys during a join', () => {
  test('shows the inviter another code than the joiner; “Different code” removes the device and nothing is sealed for the sidecar’s key', async () => {
    const mentor = await harness.launch();
    const mentee = await harness.launch();
    const mentorPanel = await mentor.openPanel();
    await createPair(mentorPanel, {
      title: 'Ana and Ben',
      myRole: 'mentor',
      members: [
        { name: 'Ana', email: 'ana@example.org', role: 'mentor' },
        { name: 'Ben', email: 'ben@example.org', role: 'mentee' },
      ],
    });
    const { options: mentorOptions, code: invite } = await sharePair(mentor, harness.proxy.url);
    // The sidecar hands the inviter a public key of its own instead of the joiner's.
    const own = await newExchangeKeyPair();
    harness.proxy.rewriteAnswers(/\/joins$/, (answer: { joins: { publicKey: string }[] }) => ({
      joins: answer.joins.map((join) => ({ ...join, publicKey: own.publicKey })),
    }));
    const menteeOptions = await openOptions(mentee);
    await menteeOptions.getByLabel('Invite code you received').fill(invite);
    await menteeOptions.getByRole('button', { name: 'Join the pair' }).click();
    const waiting = menteeOptions.getByTestId('waiting-code');
    await expect.poll(() => waiting.isVisible(), { timeout: 10_000 }).toBe(true);
    const request = mentorOptions.getByTestId('join-request');
    await expect.poll(() => request.isVisible(), { timeout: 10_000 }).toBe(true);
    const shown = await request.getByTestId('join-code').textContent();
    expect(shown).toMatch(/^\d{3} \d{3}$/);
    expect(shown).not.toBe(await waiting.textContent());

    const sentBefore = harness.proxy.bodies.length;
    await request.getByRole('button', { name: 'Different code: remove it' }).click();
    await expect
      .poll(() => mentorOptions.getByTestId('sync-message').textContent(), { timeout: 10_000 })
      .toContain("never received the pair's key");
    expect(await request.count()).toBe(0);
    // Nothing was sealed for anyone: no key grant left the inviter's browser.
    expect(harness.proxy.bodies.slice(sentBefore).some((body) => body.includes('"ct"'))).toBe(
      false,
    );
    harness.proxy.rewriteAnswers(/\/joins$/, null);
    // The joiner is told in words that it was not let in, and can forget the join.
    const refused = menteeOptions.getByTestId('join-refused');
    await expect.poll(() => refused.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await refused.textContent()).toContain('was not let into');
    await menteeOptions.getByRole('button', { name: 'Forget this join' }).click();
    await expect.poll(() => menteeOptions.getByTestId('waiting').count()).toBe(0);
    expect(await readTable(menteeOptions, 'tandem', 'syncSpaces')).toEqual([]);
  });
});
