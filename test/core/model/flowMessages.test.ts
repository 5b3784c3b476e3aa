import { describe, expect, it } from 'vitest';
import { flowMessages } from '../../../src/core/model/flowMessages';
import { sharedMessages } from '../../../src/core/model/sharedMessages';
import { launchFailedOutcome } from '../../../src/core/flow/flowFailure';
import { zapier } from '../../../src/core/model/providers/zapier';

describe('flowMessages: the texts of the flow’s own failures', () => {
  it('are part of sharedMessages, unchanged, so an app rewords them in one place', () => {
    for (const [key, text] of Object.entries(flowMessages)) {
      expect(sharedMessages[key as keyof typeof flowMessages]).toBe(text);
    }
    expect(Object.keys(flowMessages).sort()).toEqual([
      'cancelled',
      'launch_failed',
      'popup_blocked',
      'timeout',
    ]);
  });

  it("name the flow's outcomes", () => {
    expect(launchFailedOutcome(zapier, 'x').message).toBe(flowMessages.launch_failed);
  });
});
