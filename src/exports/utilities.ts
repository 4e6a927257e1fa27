export {
  cutTeaser,
  extractTeaser,
  isPaywallBreak,
  PAYWALL_BREAK_BLOCK,
  stripPaywallBreaks,
} from '../utilities/extractTeaser.js'
export type { TeaserRule } from '../utilities/extractTeaser.js'
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
export { createNewsroomHTMLConverters, newsroomHTMLConverters, videoEmbedToHTML } from '../lexical/htmlConverters.js'
export type { VideoEmbedHTMLOptions, VideoForHTML } from '../lexical/htmlConverters.js'
export { articleUrl } from '../utilities/articleUrl.js'
export { toPrintableArticle } from '../print/printableArticle.js'
export type { PrintableArticle, PrintableImage } from '../print/printableArticle.js'
export { printHTMLConverters, renderBodyHTML } from '../print/printHTMLConverters.js'
export type { PrintLinkContext } from '../print/printHTMLConverters.js'
export { PRINT_CSS, renderPrintDocument } from '../print/renderPrintDocument.js'
export type { PrintSettings } from '../print/renderPrintDocument.js'
export { lexicalToPdfBlocks } from '../print/pdf/lexicalToPdfBlocks.js'
export type { PdfBlock, PdfRun } from '../print/pdf/lexicalToPdfBlocks.js'
export { renderArticlePdf } from '../print/pdf/renderArticlePdf.js'
export type { PdfSettings } from '../print/pdf/renderArticlePdf.js'
