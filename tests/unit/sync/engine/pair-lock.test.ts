import { describe, expect, test } from 'vitest';
import { PairLock } from '../../../../utils/sync/engine/pair-lock';

/** Work that records when it starts and ends, and ends when the test says so. */
function step(log: string[], name: string) {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const work = async () => {
    log.push(`${name} starts`);
    await done;
    log.push(`${name} ends`);
    return name;
  };
  return { work, finish };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('one operation per pair at a time', () => {
  test('a second operation on a pair waits for the first; another pair does not wait', async () => {
    const lock = new PairLock();
    const log: string[] = [];
    const push = step(log, 'push A');
    const pull = step(log, 'pull A');
    const other = step(log, 'push B');
    const pushed = lock.run('A', push.work);
    const pulled = lock.run('A', pull.work);
    const otherPushed = lock.run('B', other.work);
    await tick();
    expect(log).toEqual(['push A starts', 'push B starts']);
    pull.finish();
    other.finish();
    await otherPushed;
    await tick();
    expect(log).toEqual(['push A starts', 'push B starts', 'push B ends']);
    push.finish();
    expect(await pushed).toBe('push A');
    expect(await pulled).toBe('pull A');
    expect(log).toEqual([
      'push A starts',
      'push B starts',
      'push B ends',
      'push A ends',
      'pull A starts',
      'pull A ends',
    ]);
  });

  test('an operation that fails does not hold back the next, and its caller sees the failure', async () => {
    const lock = new PairLock();
    const failed = lock.run('A', async () => {
      throw new Error('offline');
    });
    const next = lock.run('A', async () => 'pulled');
    await expect(failed).rejects.toThrow('offline');
    expect(await next).toBe('pulled');
  });
});
