import { fromBase64Url, toBase64Url } from '../shared/crypto';
import { isVerifiedOutcome, type VerifiedOutcome } from '../model/outcomeSummary';
import type { CallbackParams } from '../model/types';

/**
 * What a popup's callback page hands its opener: the provider's parameters, nothing of the
 * app's; or, with the server half, the outcome the server verified.
 */
export interface RelayPayload {
  provider: string;
  params: CallbackParams;
  verified?: VerifiedOutcome | undefined;
  /** `Date.now()` when the popup sent it: an opener that wakes up late leaves it to the popup. */
  sentAt: number;
}

/** A payload sealed with the flow's relay key (AES-GCM): other tabs hear it but cannot read it. */
export interface SealedPayload {
  iv: string;
  sealed: string;
}

async function importKey(key: string): Promise<CryptoKey | undefined> {
  const raw = fromBase64Url(key);
  if (raw?.length !== 32) return undefined;
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

export async function sealPayload(payload: RelayPayload, key: string): Promise<SealedPayload> {
  const cryptoKey = await importKey(key);
  if (!cryptoKey) throw new TypeError('relay key must be 32 bytes of base64url');
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify(payload));
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, cryptoKey, plain);
  return { iv: toBase64Url(iv), sealed: toBase64Url(new Uint8Array(sealed)) };
}

function isPayload(value: unknown): value is RelayPayload {
  const payload = value as Partial<RelayPayload> | null;
  return (
    typeof payload === 'object' &&
    payload !== null &&
    typeof payload.provider === 'string' &&
    typeof payload.sentAt === 'number' &&
    typeof payload.params === 'object' &&
    payload.params !== null
  );
}

/** The payload, or `undefined` for anything not sealed with this key (tampered, another flow's). */
export async function openPayload(
  message: SealedPayload,
  key: string,
): Promise<RelayPayload | undefined> {
  try {
    const cryptoKey = await importKey(key);
    const iv = fromBase64Url(message.iv);
    const sealed = fromBase64Url(message.sealed);
    if (!cryptoKey || !iv || !sealed) return undefined;
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, cryptoKey, sealed);
    const value: unknown = JSON.parse(new TextDecoder().decode(plain));
    if (!isPayload(value)) return undefined;
    // Values other than strings are dropped; the map has no prototype.
    const params = Object.create(null) as Record<string, string>;
    for (const [name, param] of Object.entries(value.params)) {
      if (typeof param === 'string') params[name] = param;
    }
    const verified = isVerifiedOutcome(value.verified) ? value.verified : undefined;
    const { provider, sentAt } = value;
    return { provider, params, sentAt, ...(verified ? { verified } : {}) };
  } catch {
    return undefined;
  }
}
