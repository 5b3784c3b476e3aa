/** Popup window size in CSS pixels. */
export interface PopupSize {
  /** Defaults to 600. */
  width?: number | undefined;
  /** Defaults to 700. */
  height?: number | undefined;
}

/**
 * Opens a blank popup centred on the app's window. It must run synchronously in the click:
 * browsers (Safari, iOS above all) block `window.open` after an `await`
 * (https://github.com/NangoHQ/nango/issues/302). No `noopener`: we need the handle.
 * Returns `null` when the browser blocked it.
 */
export function openPopup(win: Window, { width = 600, height = 700 }: PopupSize = {}) {
  const left = Math.round(win.screenX + (win.outerWidth - width) / 2);
  const top = Math.round(win.screenY + (win.outerHeight - height) / 2);
  return win.open(
    'about:blank',
    '_blank',
    `width=${width},height=${height},left=${left},top=${top}`,
  );
}

/**
 * Whether the popup still shows our own `about:blank`, i.e. the provider page has not
 * committed yet. Once it has, a cross-origin `location.href` read throws.
 */
export function isBlank(popup: Window): boolean {
  try {
    return popup.location.href === 'about:blank';
  } catch {
    return false;
  }
}
