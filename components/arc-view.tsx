import { lazyView } from './lazy-view';

/**
 * The relationship's arc (components/arc.tsx), loaded when first shown: one lazy view for its
 * three places (the pair's home, Prep, the agenda's template picker), so the panel's first view
 * carries one loader, not three.
 */
export const ArcView = lazyView(() => import('./arc').then((m) => m.ArcView));
