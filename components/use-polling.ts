import { useEffect } from 'preact/hooks';

/**
 * Runs `poll` now and every `everyMs` while `key` is non-empty, until the key changes or the
 * component goes; `poll` is told whether it was stopped meanwhile, so a late answer is dropped.
 * `key` names what is polled (ids joined), so the effect restarts only when that changes.
 */
export function usePolling(
  key: string,
  poll: (stopped: () => boolean) => Promise<void>,
  everyMs: number,
  deps: readonly unknown[],
): void {
  useEffect(() => {
    if (!key) return;
    let stopped = false;
    const run = () => void poll(() => stopped);
    run();
    const timer = setInterval(run, everyMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [key, everyMs, ...deps]);
}
