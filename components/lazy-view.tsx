import type { ComponentType } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { t } from '../utils/i18n';
import { StoreContext } from './use-live';

/**
 * A view whose code loads when it is first shown, not with the panel's first view: the panel
 * opens with what the first screen needs, and History, Help, the feedback form and the like
 * arrive as chunks of their own (`npm run bench` measures the first view; tests/e2e/build.spec.ts
 * holds it to its budget). Usage, with the import() Vite splits on:
 *
 *   const History = lazyView(() => import('./history').then((m) => m.History));
 *
 * A view shown with the first view starts loading once the first view has read what it shows
 * (the store's `firstView`, utils/panel/store.ts), so that it never slows the first view down.
 * Until the chunk is there the view says "Loading…"; if it cannot load (the extension was
 * updated under an open panel and the old chunk is gone) it says so in words, with a way out.
 */
export function lazyView<P extends object>(
  load: () => Promise<ComponentType<P>>,
  /**
   * `database`: the view works on Dexie itself, not only through useLive (search): it is shown
   * once the database layer is there (utils/panel/store.ts).
   */
  { needs = 'firstView' }: { needs?: 'firstView' | 'database' } = {},
): ComponentType<P> & { preload: () => Promise<ComponentType<P>> } {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const preload = () => {
    pending ??= load().then(
      (component) => {
        loaded = component;
        return component;
      },
      (error: unknown) => {
        pending = undefined; // a later opening tries again
        throw error;
      },
    );
    return pending;
  };
  function Lazy(props: P) {
    const [component, setComponent] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    const store = useContext(StoreContext);
    const gate: Promise<unknown> | undefined =
      needs === 'database' ? store?.live : store?.firstView;
    const [gateOpen, setGateOpen] = useState(
      needs !== 'database' || store?.liveQuery !== undefined,
    );
    useEffect(() => {
      if (component && gateOpen) return;
      let live = true;
      (gate ?? Promise.resolve())
        .then(() => {
          if (!live) return undefined; // no longer on screen: nothing to load for it
          setGateOpen(true);
          // The database layer waits for the view's code, then for its reads.
          return store ? store.hold(preload()) : preload();
        })
        .then(
          (c) => live && c && setComponent(() => c),
          () => live && setFailed(true),
        );
      return () => {
        live = false;
      };
    }, [component, gateOpen]);
    if (component && gateOpen) {
      const View = component;
      return <View {...props} />;
    }
    if (failed)
      return (
        <p class="error" role="alert">
          {t('app.viewLoadFailed')}
        </p>
      );
    return (
      <p class="muted" role="status" aria-busy="true" data-lazy-loading="">
        {t('common.loading')}
      </p>
    );
  }
  return Object.assign(Lazy, { preload });
}
