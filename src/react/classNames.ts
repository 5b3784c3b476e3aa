/**
 * The class names of a component's parts: the stylesheet's hook (`rootClass` on the root,
 * `{partPrefix}-{part}` on the others) unless `unstyled`, then the app's own.
 */
export function classNamesOf<Part extends string>(
  rootClass: string,
  partPrefix: string,
  own: Partial<Record<Part, string>> | undefined,
  unstyled: boolean | undefined,
) {
  return (part: Part | 'root'): string | undefined => {
    const hook = part === 'root' ? rootClass : `${partPrefix}-${part}`;
    const names = [unstyled ? undefined : hook, own?.[part as Part]].filter(Boolean);
    return names.length ? names.join(' ') : undefined;
  };
}
