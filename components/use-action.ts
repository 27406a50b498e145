import { useState } from 'preact/hooks';
import { saveErrorMessage } from '../utils/data/db-errors';

/**
 * Runs a write from a button or form and keeps its failure on screen as words, so nothing fails
 * silently. Returns [run, error message or null].
 */
export function useAction(): [(action: () => Promise<unknown>) => Promise<boolean>, string | null] {
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>) => {
    try {
      await action();
      setError(null);
      return true;
    } catch (err) {
      setError(saveErrorMessage(err));
      return false;
    }
  };
  return [run, error];
}
