import { isCookieSecret } from './cookies/signedCookie';
import type { ConnectHandlerConfig } from './handlerConfig';

/** A finding: the option's name and what is wrong; `missing` when it was left undefined. */
interface Finding {
  option: string;
  problem: string;
  missing: boolean;
}

const missing = (option: string): Finding => ({ option, problem: 'is not set', missing: true });
const invalid = (option: string, problem: string): Finding => ({ option, problem, missing: false });

function checkText(option: string, value: unknown, findings: Finding[]): void {
  if (value === undefined) findings.push(missing(option));
  else if (typeof value !== 'string' || !value) findings.push(invalid(option, 'must be a string'));
}

function checkSecret(secret: unknown, findings: Finding[]): void {
  if (secret === undefined) return void findings.push(missing('secret'));
  if (!isCookieSecret(secret))
    findings.push(invalid('secret', 'must be at least 32 characters (or a list of such)'));
}

function checkPositive(option: string, value: unknown, findings: Finding[]): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !(value > 0)) findings.push(invalid(option, 'must be > 0'));
}

function checkOrigin(origin: unknown, findings: Finding[]): void {
  if (origin === undefined) return;
  let parsed: string | undefined;
  try {
    parsed = typeof origin === 'string' ? new URL(origin).origin : undefined;
  } catch {
    parsed = undefined;
  }
  if (parsed !== origin) {
    findings.push(invalid('origin', 'must be an origin like https://app.example (no path)'));
  }
}

function checkProviders(config: ConnectHandlerConfig, findings: Finding[]): void {
  const { gigs, emerge, zapier } = config;
  if (gigs) {
    checkText('gigs.apiToken', gigs.apiToken, findings);
    checkText('gigs.project', gigs.project, findings);
  }
  if (emerge) {
    checkText('emerge.clientId', emerge.clientId, findings);
    checkText('emerge.signingSecret', emerge.signingSecret, findings);
    checkText('emerge.apiToken', emerge.apiToken, findings);
  }
  if (zapier) {
    checkText('zapier.clientId', zapier.clientId, findings);
    checkText('zapier.clientSecret', zapier.clientSecret, findings);
    if (!Array.isArray(zapier.apps) || !zapier.apps.length) {
      findings.push(invalid('zapier.apps', 'must list at least one app'));
    }
  }
}

/** Every finding about a handler's configuration. */
export function checkHandlerConfig(config: ConnectHandlerConfig): Finding[] {
  const findings: Finding[] = [];
  if (typeof config.basePath !== 'string' || !/^\/[\w\-/]*[\w-]$/.test(config.basePath)) {
    findings.push(invalid('basePath', 'must be a path like /api/connect (no trailing slash)'));
  }
  checkOrigin(config.origin, findings);
  checkSecret(config.secret, findings);
  checkPositive('providerTimeout', config.providerTimeout, findings);
  checkPositive('webhookLease', config.webhookLease, findings);
  checkProviders(config, findings);
  return findings;
}

/** The findings as one sentence: `createConnectHandler: secret is not set; …`. */
export const describeFindings = (findings: readonly Finding[]): string =>
  `createConnectHandler: ${findings.map((each) => `${each.option} ${each.problem}`).join('; ')}`;

/**
 * Throws at creation for an option that is present and wrong. An option left undefined (an
 * environment variable not set during a build) is only reported: the first request checks it.
 */
export function assertConfigAtCreation(config: ConnectHandlerConfig): void {
  const wrong = checkHandlerConfig(config).filter((finding) => !finding.missing);
  if (wrong.length) throw new TypeError(describeFindings(wrong));
}
