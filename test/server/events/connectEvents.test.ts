import { describe, expect, it } from 'vitest';
import { ListenerHub, userChannel } from '../../../src/server/events/connectEvents';

const secret = 'a-test-cookie-secret-of-32-chars-or-more';
const uid = 'psub_0123456789abcdef0123456789abcdef';

describe('userChannel', () => {
  it('is an HMAC of the uid: stable, per secret, never the uid', async () => {
    const channel = await userChannel(secret, uid);
    expect(channel).toMatch(/^rcf:events:[0-9a-f]{64}$/);
    expect(channel).not.toContain(uid);
    expect(channel).not.toContain('0123456789abcdef');
    expect(await userChannel(secret, uid)).toBe(channel);
    expect(await userChannel(`${secret}!`, uid)).not.toBe(channel);
    expect(await userChannel(secret, `${uid}x`)).not.toBe(channel);
  });

  it('uses the first secret of a rotating list', async () => {
    expect(await userChannel([secret, 'an-older-secret-of-32-characters-x'], uid)).toBe(
      await userChannel(secret, uid),
    );
  });
});

describe('ListenerHub', () => {
  it('says when a channel gains its first and loses its last listener', () => {
    const hub = new ListenerHub();
    const first = hub.add('a', () => {});
    const second = hub.add('a', () => {});
    expect([first.first, second.first]).toEqual([true, false]);
    expect(hub.size).toBe(2);
    expect(hub.remove('a', first.handle)).toBe(false);
    // Removing twice changes nothing.
    expect(hub.remove('a', first.handle)).toBe(false);
    expect(hub.size).toBe(1);
    expect(hub.remove('a', second.handle)).toBe(true);
    expect(hub.size).toBe(0);
    expect(hub.add('a', () => {}).first).toBe(true);
  });

  it('delivers to the channel only, and one throwing listener stops no other', () => {
    const hub = new ListenerHub();
    const got: string[] = [];
    hub.add('a', () => {
      throw new Error('listener bug');
    });
    hub.add('a', (message) => got.push(`a:${message}`));
    // The same function twice is two subscriptions.
    const twice = (message: string) => got.push(`twice:${message}`);
    hub.add('a', twice);
    hub.add('a', twice);
    hub.add('b', (message) => got.push(`b:${message}`));
    hub.deliver('a', 'hi');
    expect(got).toEqual(['a:hi', 'twice:hi', 'twice:hi']);
  });
});
