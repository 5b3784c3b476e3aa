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
    // The cleanup removes it from this document, whatever the global holds by then.
    const subscribed = document;
    subscribed.addEventListener('visibilitychange', listener);
    return () => subscribed.removeEventListener('visibilitychange', listener);
  },
};
