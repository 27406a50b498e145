import { afterEach, describe, expect, test } from 'vitest';
import {
  addAgendaItem,
  moveAgendaItem,
  removeAgendaItem,
  updateAgendaItem,
} from '../../../utils/data/records/agenda-items';
import { holdSession } from '../../../utils/data/records/sessions';
import { byOrder } from '../../../utils/mentoring/order';
import { closeStores, type TestStore } from '../helpers';
import { storeWithSession } from './setup';

afterEach(closeStores);

async function agendaTexts(store: TestStore, sessionId: string): Promise<string[]> {
  const items = await store.db.agendaItems.where('sessionId').equals(sessionId).toArray();
  return items
    .filter((i) => !i.deleted)
    .sort(byOrder)
    .map((i) => i.text);
}

describe('agenda items', () => {
  test('adds items in order, trimmed, not yet done', async () => {
    const { store, session } = await storeWithSession();
    const first = await addAgendaItem(store, session, '  Talk abstract  ', 'mentee');
    await addAgendaItem(store, session, 'Conference list', 'mentor');
    expect(first).toMatchObject({
      text: 'Talk abstract',
      addedBy: 'mentee',
      done: false,
      carriedFrom: null,
      order: 1,
      sessionId: session.id,
      pairId: session.pairId,
    });
    expect(await agendaTexts(store, session.id)).toEqual(['Talk abstract', 'Conference list']);
  });

  test('refuses an item of only spaces and stores nothing', async () => {
    const { store, session } = await storeWithSession();
    await expect(addAgendaItem(store, session, '   ', 'mentee')).rejects.toThrow(
      'Text: An agenda item needs text',
    );
    expect(await store.db.agendaItems.count()).toBe(0);
  });

  test('edits the text and ticks an item off', async () => {
    const { store, session } = await storeWithSession();
    const item = await addAgendaItem(store, session, 'Talk', 'mentee');
    await updateAgendaItem(store, item.id, { text: 'Talk abstract' });
    await updateAgendaItem(store, item.id, { done: true });
    expect(await store.db.agendaItems.get(item.id)).toMatchObject({
      text: 'Talk abstract',
      done: true,
    });
    await updateAgendaItem(store, item.id, { done: false });
    expect((await store.db.agendaItems.get(item.id))?.done).toBe(false);
  });

  test('moves items up and down within their session only', async () => {
    const { store, session } = await storeWithSession();
    const otherSession = await holdSession(store, session.id, 7);
    await addAgendaItem(store, otherSession, 'Elsewhere', 'mentor');
    const a = await addAgendaItem(store, session, 'A', 'mentee');
    await addAgendaItem(store, session, 'B', 'mentee');
    const c = await addAgendaItem(store, session, 'C', 'mentee');
    await moveAgendaItem(store, c.id, -1);
    expect(await agendaTexts(store, session.id)).toEqual(['A', 'C', 'B']);
    await moveAgendaItem(store, a.id, 1);
    expect(await agendaTexts(store, session.id)).toEqual(['C', 'A', 'B']);
    await moveAgendaItem(store, c.id, -1);
    expect(await agendaTexts(store, session.id)).toEqual(['C', 'A', 'B']);
    expect(await agendaTexts(store, otherSession.id)).toEqual(['Elsewhere']);
  });

  test('removes an item as a tombstone and refuses to edit it afterwards', async () => {
    const { store, session } = await storeWithSession();
    const item = await addAgendaItem(store, session, 'Talk', 'mentee');
    await removeAgendaItem(store, item.id);
    expect(await store.db.agendaItems.get(item.id)).toMatchObject({ deleted: true });
    expect(await agendaTexts(store, session.id)).toEqual([]);
    await expect(updateAgendaItem(store, item.id, { done: true })).rejects.toThrow(
      'That agenda item no longer exists.',
    );
  });
});
