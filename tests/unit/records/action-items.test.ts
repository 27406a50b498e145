import { afterEach, describe, expect, test } from 'vitest';
import {
  addActionItem,
  removeActionItem,
  updateActionItem,
} from '../../../utils/data/records/action-items';
import { holdSession } from '../../../utils/data/records/sessions';
import { closeStores } from '../helpers';
import { storeWithSession } from './setup';

afterEach(closeStores);

describe('action items', () => {
  test('adds an open action item with trimmed text', async () => {
    const { store, session } = await storeWithSession();
    const item = await addActionItem(store, session, {
      text: ' Send abstract ',
      owner: 'mentee',
      due: '2025-02-01',
    });
    expect(await store.db.actionItems.get(item.id)).toMatchObject({
      text: 'Send abstract',
      owner: 'mentee',
      due: '2025-02-01',
      status: 'open',
      closedInSessionId: null,
      sessionId: session.id,
    });
  });

  test('refuses an action item with a bad due date and stores nothing', async () => {
    const { store, session } = await storeWithSession();
    await expect(
      addActionItem(store, session, { text: 'Send', owner: 'mentee', due: 'Friday' }),
    ).rejects.toThrow(/^Due date: /);
    expect(await store.db.actionItems.count()).toBe(0);
  });

  test('remembers the session an item was done in, and forgets it when reopened', async () => {
    const { store, session } = await storeWithSession();
    const item = await addActionItem(store, session, { text: 'Send', owner: 'both', due: '' });
    const next = await holdSession(store, session.id, 7);
    await updateActionItem(store, item.id, { status: 'done' }, next.id);
    expect(await store.db.actionItems.get(item.id)).toMatchObject({
      status: 'done',
      closedInSessionId: next.id,
    });
    await updateActionItem(store, item.id, { text: 'Send the abstract' }, 'some-later-session');
    expect((await store.db.actionItems.get(item.id))?.closedInSessionId).toBe(next.id);
    await updateActionItem(store, item.id, { status: 'open' }, next.id);
    expect(await store.db.actionItems.get(item.id)).toMatchObject({
      status: 'open',
      closedInSessionId: null,
      text: 'Send the abstract',
    });
  });

  test('removes an action item as a tombstone', async () => {
    const { store, session } = await storeWithSession();
    const item = await addActionItem(store, session, { text: 'Send', owner: 'both', due: '' });
    await removeActionItem(store, item.id);
    expect(await store.db.actionItems.get(item.id)).toMatchObject({ deleted: true, text: 'Send' });
    await expect(updateActionItem(store, item.id, { status: 'done' })).rejects.toThrow(
      'That action item no longer exists.',
    );
  });
});
