import type { PanelCommandName } from '../messaging';
import { fillingPairForm, type Mode, type TabId, type View } from './shown-tab';

/**
 * Where a keyboard command (add an action item, next prompt) is carried out: the tab to show,
 * or null when it is dropped. A pair's form being filled in is not left for a shortcut (its
 * text would be lost); with a meeting of another pair (or none) on screen there is no session
 * to add an item to. Adding an item needs Prep or Live (else Live); a prompt is in Prep, Live
 * and Review (else the mode the page calls for).
 */
export function commandTarget(input: {
  command: PanelCommandName;
  /** A pair is shown. */
  pairShown: boolean;
  /** Prep and Live may show the pair's session (utils/panel/shown-pair.ts). */
  sessionModes: boolean;
  view: View;
  selectedTab: TabId;
  /** The mode the page on screen calls for. */
  pageMode: Mode;
}): TabId | null {
  const { selectedTab } = input;
  if (!input.pairShown || !input.sessionModes || fillingPairForm(input.view)) return null;
  const canAdd = selectedTab === 'prep' || selectedTab === 'live';
  const hasPrompts = canAdd || selectedTab === 'review';
  if (input.command === 'add-action-item') return canAdd ? selectedTab : 'live';
  return hasPrompts ? selectedTab : input.pageMode;
}
