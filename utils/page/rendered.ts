/**
 * Links that are not rendered (display:none, inside a closed <details>, content-visibility:hidden,
 * visibility:hidden, opacity:0 on the link or an ancestor) get no button while they stay so: a
 * page full of hidden links stays as it looks, and its hidden links are never reported.
 *
 * `checkVisibility` needs computed style, not layout: the first call after a DOM change updates
 * style once for the whole document, later calls read it. A scan pass reads every candidate before
 * it writes any button, so a pass costs at most one style update, and only when it has candidates.
 */
const CHECK = {
  opacityProperty: true,
  visibilityProperty: true,
  // The names Chromium 105–120 used for the same options.
  checkOpacity: true,
  checkVisibilityCSS: true,
} as CheckVisibilityOptions;

/** Whether `el` is rendered (true where the browser cannot tell: no checkVisibility). */
export function isRendered(el: Element): boolean {
  return typeof el.checkVisibility === 'function' ? el.checkVisibility(CHECK) : true;
}

/** Hidden links' elements, watched until they are shown (a spoiler opened, a tab switched). */
export interface DormantWatcher {
  /** Watches `el` (at most `max` elements; further ones are left hidden for good). */
  watch(el: Element): void;
  stop(): void;
}

/** The default most hidden elements watched per document. */
export const MAX_DORMANT = 1_000;

/**
 * One IntersectionObserver for the hidden links: a display:none element never intersects, so the
 * browser tells us when it gets a box near the viewport; `onShown` gets it once it is rendered
 * (re-checked: opacity does not change intersection). Nothing is watched without the observer API.
 */
export function createDormantWatcher(
  onShown: (el: Element) => void,
  max: number = MAX_DORMANT,
  Observer: typeof IntersectionObserver | undefined = globalThis.IntersectionObserver,
): DormantWatcher {
  if (!Observer) return { watch() {}, stop() {} };
  const watched = new Set<Element>();
  const observer = new Observer(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting || !isRendered(entry.target)) continue;
        observer.unobserve(entry.target);
        watched.delete(entry.target);
        onShown(entry.target);
      }
    },
    { rootMargin: '200px' },
  );
  return {
    watch(el) {
      if (watched.has(el)) return;
      if (watched.size >= max) {
        // Elements the page removed since are not worth their place.
        for (const old of watched) {
          if (!old.isConnected) {
            observer.unobserve(old);
            watched.delete(old);
          }
        }
        if (watched.size >= max) return;
      }
      watched.add(el);
      observer.observe(el);
    },
    stop() {
      observer.disconnect();
      watched.clear();
    },
  };
}
