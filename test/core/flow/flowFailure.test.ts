import { describe, expect, it } from 'vitest';
import {
  cancelledOutcome,
  launchFailedOutcome,
  popupBlockedOutcome,
  timeoutOutcome,
} from '../../../src/core/flow/flowFailure';
import { zapier } from '../../../src/core/model/providers/zapier';
import { sharedMessages } from '../../../src/core/model/sharedMessages';

describe('flow failures', () => {
  it('each has its screen, code and shared message', () => {
    expect(cancelledOutcome(zapier)).toMatchObject({
      provider: 'zapier',
      screen: 'retry',
      code: 'cancelled',
      message: sharedMessages.cancelled,
    });
    expect(timeoutOutcome(zapier)).toMatchObject({ screen: 'retry', code: 'timeout' });
    expect(popupBlockedOutcome(zapier)).toMatchObject({
      screen: 'error',
      code: 'popup_blocked',
      message: sharedMessages.popup_blocked,
    });
    expect(launchFailedOutcome(zapier, 'backend down')).toMatchObject({
      screen: 'error',
      code: 'launch_failed',
      hint: 'backend down',
      message: sharedMessages.launch_failed,
    });
  });
});
