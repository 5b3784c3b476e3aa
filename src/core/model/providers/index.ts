import type { AnyProviderAdapter } from '../types';
import { emerge } from './emerge';
import { gigs } from './gigs';
import { zapier } from './zapier';

/**
 * The three built-in adapters, for detecting the provider of a callback. Importing this list
 * brings all three into a bundle; import one adapter by name where the provider is known.
 */
export const builtInProviders: readonly AnyProviderAdapter[] = [gigs, emerge, zapier];
