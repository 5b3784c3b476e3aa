/** A BroadcastChannel stand-in: what the code under test posts, and the channels it holds open. */
export class FakeChannel {
  static posted: unknown[] = [];
  static open = new Set<FakeChannel>();
  onmessage: ((event: { data: unknown }) => void) | null = null;
  constructor(readonly name: string) {
    FakeChannel.open.add(this);
  }
  postMessage(data: unknown) {
    FakeChannel.posted.push(data);
  }
  close() {
    FakeChannel.open.delete(this);
  }
  /** Forgets every channel and post, between tests. */
  static reset() {
    FakeChannel.posted = [];
    FakeChannel.open.clear();
  }
}
