import type { FailureDecision, OwnCode } from './types';

/**
 * The smallest pieces of an outcome, shared by the adapters, the flow's start and the server:
 * kept apart from `outcome.ts` so that a bundle that only parses or only starts a flow does not
 * carry the outcomes' texts.
 */

/** An error decision with one of this package's codes. */
export const ownError = (code: OwnCode): FailureDecision => ({
  screen: 'error',
  code,
  action: 'retry',
});

/** The parameters of an outcome that has none: frozen, and with no prototype to pollute. */
export const noParams: Readonly<Record<string, string>> = Object.freeze(
  Object.create(null) as Record<string, string>,
);
