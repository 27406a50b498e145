import { useEffect, useRef, useState } from 'preact/hooks';
import { useValue, valueStore } from './use-value';

/** The one row being edited in the panel: opening another editor closes this one. */
const editing = valueStore<string | null>(null);

/**
 * An inline editor (an agenda item's text, an action item's fields): one open at a time in the
 * whole panel, and when it closes — saved or cancelled — focus goes back to the button that
 * opened it instead of falling to the top of the page.
 */
export function useEditor(id: string): {
  isEditing: boolean;
  /** Put on the row's edit button (✎): focus returns there. */
  editButton: { current: HTMLButtonElement | null };
  start: () => void;
  stop: () => void;
} {
  const current = useValue(editing);
  const isEditing = current === id;
  const editButton = useRef<HTMLButtonElement>(null);
  const [refocus, setRefocus] = useState(false);
  useEffect(() => {
    if (!refocus || isEditing) return;
    editButton.current?.focus();
    setRefocus(false);
  }, [refocus, isEditing]);
  // A row that goes away while edited (deleted elsewhere) leaves no editor open behind it.
  useEffect(
    () => () => {
      if (editing.get() === id) editing.set(null);
    },
    [id],
  );
  return {
    isEditing,
    editButton,
    start: () => editing.set(id),
    stop: () => {
      if (editing.get() === id) editing.set(null);
      setRefocus(true);
    },
  };
}
