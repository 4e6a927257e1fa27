export { extractTeaser, isPaywallBreak, PAYWALL_BREAK_BLOCK, stripPaywallBreaks } from '../utilities/extractTeaser.js'
export { isSubscriptionEntitled } from '../utilities/isSubscriptionEntitled.js'
export { slugify } from '../utilities/slugify.js'
export {
  DIRECT_VIDEO_EXTENSIONS,
  parseTimestamp,
  parseVideoUrl,
  uploadedVideoSource,
  VIDEO_SOURCE_MESSAGES,
  VIDEO_URL_MESSAGES,
  videoSourceErrors,
} from '../utilities/parseVideoUrl.js'
export type { ParseVideoUrlResult, VideoProvider, VideoSource } from '../utilities/parseVideoUrl.js'
export {
  createNewsroomHTMLConverters,
  newsroomHTMLConverters,
  videoEmbedToHTML,
} from '../lexical/htmlConverters.js'
export type { VideoEmbedHTMLOptions, VideoForHTML } from '../lexical/htmlConverters.js'
