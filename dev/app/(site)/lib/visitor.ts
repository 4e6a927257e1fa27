/**
 * How the API tells anonymous visitors apart (README "Access models"): the signed, HttpOnly cookie it sets on
 * a meter unlock or a gift link's first open, and the header a gift link's token may travel in.
 */
export const METER_COOKIE = 'newsroom-meter'
export const GIFT_HEADER = 'X-Newsroom-Gift'
/** Payload's login cookie under the dev app's (default) `cookiePrefix`. */
export const LOGIN_COOKIE = 'payload-token'
