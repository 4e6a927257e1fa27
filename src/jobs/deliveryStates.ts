/** A send claim's states: `claimed` while one runner sends, `sent` once done (the deliveries ledger's `state`). */
export const DELIVERY_STATES = ['claimed', 'sent'] as const
export type DeliveryState = (typeof DELIVERY_STATES)[number]
