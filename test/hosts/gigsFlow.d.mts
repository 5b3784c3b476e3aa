/** The verified outcome the flow ends on, and where the callback sent the browser. */
export interface GigsFlowEnd {
  outcome: { screen: string; verified?: boolean; sessionId?: string };
  page: string;
  cookie: string;
}

export function gigsFlow(app: string): Promise<GigsFlowEnd>;

export function expectEqual(actual: unknown, expected: unknown, what: string): void;
