/** Whether the tab is hidden, and a way to hear it change (returns its own cleanup). */
export interface PageVisibility {
  hidden: () => boolean;
  subscribe: (listener: () => void) => () => void;
}

/** The document's `visibilityState`; never hidden where there is no document. */
export const documentVisibility: PageVisibility = {
  hidden: () => typeof document !== 'undefined' && document.visibilityState === 'hidden',
  subscribe: (listener) => {
    if (typeof document === 'undefined') return () => {};
    document.addEventListener('visibilitychange', listener);
    return () => document.removeEventListener('visibilitychange', listener);
  },
};
