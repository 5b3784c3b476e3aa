import { describe, expect, expectTypeOf, it } from 'vitest';
import type { GigsIntent, GigsIntentType } from '../../../src/server/providers/gigsIntent';
import { createGigsSession } from '../../../src/server/providers/gigsSession';
import type { FetchFunction } from '../../../src/server/providers/providerFetch';

/** One example of every documented intent (developers.gigs.com/connect/connectsessions). */
const intents: GigsIntent[] = [
  {
    type: 'checkoutNewSubscription',
    checkoutNewSubscription: {
      plan: 'pln_1',
      sim: 'sim_1',
      device: 'dev_1',
      imei: '356938035643809',
      voucherCode: 'WELCOME',
      addons: ['add_1'],
    },
  },
  { type: 'checkoutAddon', checkoutAddon: { subscription: 'sub_1', addons: ['add_1', 'add_2'] } },
  {
    type: 'completePorting',
    completePorting: {
      subscription: 'sub_1',
      behavior: { hideIntroPage: true, hideOutroPage: false },
    },
  },
  { type: 'confirmPayment', confirmPayment: { payment: 'pay_1' } },
  { type: 'cancelSubscription', cancelSubscription: { subscription: 'sub_1' } },
  { type: 'changeSubscription', changeSubscription: { subscription: 'sub_1' } },
  { type: 'resumeSubscription', resumeSubscription: { subscription: 'sub_1' } },
  { type: 'viewEsimInstallation', viewEsimInstallation: { subscription: 'sub_1' } },
  { type: 'viewSubscription', viewSubscription: { subscription: 'sub_1' } },
  { type: 'updatePaymentMethod' },
  { type: 'updateUserAddress' },
  { type: 'updateUserFullName' },
  { type: 'viewSubscriptions' },
];

describe('GigsIntent', () => {
  it('covers the 13 documented intent types, once each', () => {
    const types = intents.map((intent) => intent.type);
    expect(new Set(types).size).toBe(13);
    expect(types.sort()).toEqual([
      'cancelSubscription',
      'changeSubscription',
      'checkoutAddon',
      'checkoutNewSubscription',
      'completePorting',
      'confirmPayment',
      'resumeSubscription',
      'updatePaymentMethod',
      'updateUserAddress',
      'updateUserFullName',
      'viewEsimInstallation',
      'viewSubscription',
      'viewSubscriptions',
    ]);
    expectTypeOf<GigsIntentType>().toEqualTypeOf<(typeof types)[number]>();
    // Checked by tsc: a payload must sit under its own type's key, and a checkout needs a plan.
    type WrongKey = { type: 'confirmPayment'; viewSubscription: { subscription: string } };
    type NoPlan = { type: 'checkoutNewSubscription'; checkoutNewSubscription: { sim: string } };
    expectTypeOf<WrongKey>().not.toExtend<GigsIntent>();
    expectTypeOf<NoPlan>().not.toExtend<GigsIntent>();
    expectTypeOf<(typeof intents)[number]>().toExtend<GigsIntent>();
  });

  it.each(intents.map((intent) => [intent.type, intent] as const))(
    'sends %s to Gigs unchanged',
    async (_, intent) => {
      let sent: unknown;
      const fetch: FetchFunction = async (request) => {
        sent = await request.json();
        const body = { object: 'connectSession', id: 'csn_1', url: 'https://c.test/', intent };
        return Response.json(body, { status: 201 });
      };
      const session = await createGigsSession({ apiToken: 't', project: 'p', intent, fetch });
      expect(sent).toEqual({ intent });
      expect(session.intent).toEqual(intent);
    },
  );
});
