import {
  type CustomPrompt,
  customPrompt,
  type PromptState,
  promptState,
} from '../../schema/prompt';
import { parseRecord } from '../validate';
import { type Store, stamp } from './store';
import { putShared, sharedTx, tombstone } from './write';

export type CustomPromptInput = Pick<CustomPrompt, 'text' | 'phase' | 'role' | 'theme'> &
  Partial<Pick<CustomPrompt, 'mentorRoles'>>;

export async function addCustomPrompt(
  store: Store,
  pairId: string,
  input: CustomPromptInput,
): Promise<CustomPrompt> {
  const record = parseRecord(customPrompt, {
    ...input,
    text: input.text.trim(),
    models: [],
    id: `custom-${store.newId()}`,
    pairId,
    createdAt: store.now(),
    ...stamp(store),
  });
  await sharedTx(store, ['customPrompts'], () => putShared(store, 'customPrompts', record));
  return record;
}

export async function removeCustomPrompt(store: Store, id: string): Promise<void> {
  await tombstone(store, 'customPrompts', id);
}

/** Record what the pair did with a prompt (pin, skip until, shown at). */
export async function setPromptState(
  store: Store,
  pairId: string,
  promptId: string,
  changes: Partial<Pick<PromptState, 'pinned' | 'skippedUntil' | 'lastShownAt'>>,
): Promise<PromptState> {
  const id = `${pairId}:${promptId}`;
  return sharedTx(store, ['promptStates'], async () => {
    const current = await store.db.promptStates.get(id);
    const record = parseRecord(promptState, {
      pinned: false,
      skippedUntil: 0,
      lastShownAt: 0,
      ...current,
      ...changes,
      id,
      pairId,
      promptId,
      ...stamp(store),
    });
    await putShared(store, 'promptStates', record, current);
    return record;
  });
}
