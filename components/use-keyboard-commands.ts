import { useEffect, useRef } from 'preact/hooks';
import type { PanelCommandName } from '../utils/messaging';
import { onePerPress } from '../utils/panel/commands';
import { panelKeyCommand } from '../utils/panel/shortcuts';

/**
 * Keyboard commands from anywhere in the panel, by the panel's own keys or the browser's
 * shortcut (delivered through the background), each carried out once per press.
 */
export function useKeyboardCommands(
  run: (command: PanelCommandName) => void,
  subscribeCommands: ((listener: (command: PanelCommandName) => void) => () => void) | undefined,
): void {
  const latestRun = useRef(run);
  latestRun.current = run;
  useEffect(() => {
    const once = onePerPress((command) => latestRun.current(command));
    const onKeyDown = (event: KeyboardEvent) => {
      const command = panelKeyCommand(event);
      if (!command) return;
      event.preventDefault();
      // A key held down repeats; the command is one press.
      if (!event.repeat) once(command, 'key');
    };
    document.addEventListener('keydown', onKeyDown);
    const unsubscribe = subscribeCommands?.((command) => once(command, 'browser'));
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      unsubscribe?.();
    };
  }, [subscribeCommands]);
}
