import type { SharedDb } from '../data/db';
import type { CustomPrompt, PromptState } from '../schema/prompt';
import { live } from './databases';

/** What the pair did with prompts (skipped, answered) and the prompts it wrote itself. */
export interface PairPrompts {
  states: PromptState[];
  /** Not deleted. */
  custom: CustomPrompt[];
}

export async function promptsOf(db: SharedDb, pairId: string): Promise<PairPrompts> {
  const [states, custom] = await Promise.all([
    db.promptStates.where('pairId').equals(pairId).toArray(),
    db.customPrompts.where('pairId').equals(pairId).toArray(),
  ]);
  return { states, custom: live(custom) };
}
