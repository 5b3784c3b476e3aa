// The intents of a Gigs Connect Session (developers.gigs.com/connect/connectsessions): the
// payload sits under a key named after the intent type. Ids are Gigs object ids (`pln_...`,
// `sub_...`, `pay_...`). Gigs does not check that a subscription fits the intent.

/** Buy a new subscription. */
export interface GigsCheckoutNewSubscription {
  /** The plan to buy (`pln_...`). */
  plan: string;
  /** A SIM to use. */
  sim?: string | undefined;
  /** The device the subscription is for. */
  device?: string | undefined;
  /** The device's IMEI. */
  imei?: string | undefined;
  /** A voucher to apply. */
  voucherCode?: string | undefined;
  /** Add-ons to buy with the plan. */
  addons?: string[] | undefined;
}

/** Hides Connect's intro or outro page in `completePorting`. */
export interface GigsPortingBehavior {
  hideIntroPage?: boolean | undefined;
  hideOutroPage?: boolean | undefined;
}

/** The payload of the intents that act on one subscription. */
export interface GigsSubscriptionTarget {
  /** The subscription (`sub_...`). */
  subscription: string;
}

export type GigsIntent =
  | { type: 'checkoutNewSubscription'; checkoutNewSubscription: GigsCheckoutNewSubscription }
  | { type: 'checkoutAddon'; checkoutAddon: { subscription: string; addons: string[] } }
  | {
      type: 'completePorting';
      completePorting: { subscription: string; behavior?: GigsPortingBehavior | undefined };
    }
  | { type: 'confirmPayment'; confirmPayment: { payment: string } }
  | { type: 'cancelSubscription'; cancelSubscription: GigsSubscriptionTarget }
  | { type: 'changeSubscription'; changeSubscription: GigsSubscriptionTarget }
  | { type: 'resumeSubscription'; resumeSubscription: GigsSubscriptionTarget }
  | { type: 'viewEsimInstallation'; viewEsimInstallation: GigsSubscriptionTarget }
  | { type: 'viewSubscription'; viewSubscription: GigsSubscriptionTarget }
  | { type: 'updatePaymentMethod' }
  | { type: 'updateUserAddress' }
  | { type: 'updateUserFullName' }
  | { type: 'viewSubscriptions' };

export type GigsIntentType = GigsIntent['type'];
