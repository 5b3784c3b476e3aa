import type { ProviderAdapter, ProviderId } from '../types';
import { emerge } from './emerge';
import { gigs } from './gigs';
import { zapier } from './zapier';

/** The built-in adapters by id. */
export const providers: Readonly<Record<ProviderId, ProviderAdapter<never>>> = {
  gigs,
  emerge,
  zapier,
};

/** An adapter from its id, or the adapter itself. */
export function resolveProvider<Launch>(
  provider: ProviderId | ProviderAdapter<Launch>,
): ProviderAdapter<Launch> {
  return typeof provider === 'string' ? (providers[provider] as ProviderAdapter<Launch>) : provider;
}
