// Server admin components, registered by the plugin as 'payload-plugin-newsroom/rsc#Name'.
export { PremiumFilterTabs } from '../components/articles/PremiumFilterTabs.js'
export { ModerationStatusTabs } from '../components/comments/ModerationStatusTabs.js'
export { PendingCommentsNavLink } from '../components/comments/PendingCommentsNavLink.js'
export { PendingCommentsWidget } from '../components/comments/PendingCommentsWidget.js'
export { CommentContextCell } from '../components/comments/CommentContextCell.js'
