/**
 * Slugs of the plugin's own bookkeeping collections. Unlike the content collections (`options.slugs.*`) they
 * are not configurable, so the library code that writes to them (jobs, email, comment counting) and the
 * collection factories that declare them read the one name from here, not from each other's files.
 */
export const COMMENT_CLAIMS_SLUG = 'newsroom-comment-claims'
export const COUNTED_COMMENTS_SLUG = 'newsroom-counted-comments'
export const DELIVERIES_SLUG = 'newsroom-deliveries'
export const EMAIL_LOG_SLUG = 'newsroom-email-log'
