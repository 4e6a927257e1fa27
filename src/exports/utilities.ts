export { extractTeaser, isPaywallBreak, PAYWALL_BREAK_BLOCK, stripPaywallBreaks } from '../utilities/extractTeaser.js'
export { isSubscriptionEntitled } from '../utilities/isSubscriptionEntitled.js'
export { slugify } from '../utilities/slugify.js'
