import { createContext } from 'preact';
import { useContext, useEffect } from 'preact/hooks';
import type { PanelCommandName } from '../utils/messaging';

/** A keyboard command the panel has been asked to carry out, waiting for the part that can. */
export interface PendingCommand {
  id: number;
  command: PanelCommandName;
  at: number;
}

/** A command the part that carries it out did not see within this time is dropped. */
const STALE_MS = 3_000;

export const PanelCommandContext = createContext<{
  pending: PendingCommand | null;
  done: (id: number) => void;
} | null>(null);

/**
 * Carries out `command` when the panel is asked to — once per request, and only when `ready`
 * (e.g. the prompts have loaded). The app switches to a mode that shows this part first, so the
 * part may mount just after the request.
 */
export function usePanelCommand(
  command: PanelCommandName,
  handler: () => void,
  ready = true,
): void {
  const context = useContext(PanelCommandContext);
  const pending = context?.pending;
  useEffect(() => {
    if (!context || !pending || !ready || pending.command !== command) return;
    context.done(pending.id);
    if (Date.now() - pending.at <= STALE_MS) handler();
  }, [pending?.id, ready]);
}
