import { RscEntryLexicalCell as RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { RscEntryLexicalField as RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { LexicalDiffComponent as LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { NewsroomInsertMenuFeatureClient as NewsroomInsertMenuFeatureClient_afd665b91a05091de29060d0ee2665c0 } from 'payload-plugin-newsroom/client'
import { BlocksFeatureClient as BlocksFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { PaywallBreakDivider as PaywallBreakDivider_afd665b91a05091de29060d0ee2665c0 } from 'payload-plugin-newsroom/client'
import { FixedToolbarFeatureClient as FixedToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BoldFeatureClient as BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ItalicFeatureClient as ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnderlineFeatureClient as UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { StrikethroughFeatureClient as StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SubscriptFeatureClient as SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SuperscriptFeatureClient as SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineCodeFeatureClient as InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ParagraphFeatureClient as ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HeadingFeatureClient as HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { AlignFeatureClient as AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { IndentFeatureClient as IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnorderedListFeatureClient as UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { OrderedListFeatureClient as OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ChecklistFeatureClient as ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { LinkFeatureClient as LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { RelationshipFeatureClient as RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BlockquoteFeatureClient as BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UploadFeatureClient as UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HorizontalRuleFeatureClient as HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineToolbarFeatureClient as InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SubscriberPreviewField as SubscriberPreviewField_afd665b91a05091de29060d0ee2665c0 } from 'payload-plugin-newsroom/client'
import { VisibilityBadgeCell as VisibilityBadgeCell_afd665b91a05091de29060d0ee2665c0 } from 'payload-plugin-newsroom/client'
import { PremiumBadgeCell as PremiumBadgeCell_afd665b91a05091de29060d0ee2665c0 } from 'payload-plugin-newsroom/client'
import { PremiumFilterTabs as PremiumFilterTabs_e05013ec33daf3c2c199b8bfca7ef5f5 } from 'payload-plugin-newsroom/rsc'
import { CommentContextCell as CommentContextCell_e05013ec33daf3c2c199b8bfca7ef5f5 } from 'payload-plugin-newsroom/rsc'
import { CommentExcerptCell as CommentExcerptCell_afd665b91a05091de29060d0ee2665c0 } from 'payload-plugin-newsroom/client'
import { CommentStatusCell as CommentStatusCell_afd665b91a05091de29060d0ee2665c0 } from 'payload-plugin-newsroom/client'
import { ModerationReasonCell as ModerationReasonCell_afd665b91a05091de29060d0ee2665c0 } from 'payload-plugin-newsroom/client'
import { ModerationReasonField as ModerationReasonField_afd665b91a05091de29060d0ee2665c0 } from 'payload-plugin-newsroom/client'
import { ModerationStatusTabs as ModerationStatusTabs_e05013ec33daf3c2c199b8bfca7ef5f5 } from 'payload-plugin-newsroom/rsc'
import { BulkModerationBar as BulkModerationBar_afd665b91a05091de29060d0ee2665c0 } from 'payload-plugin-newsroom/client'
import { DeskKeyboard as DeskKeyboard_afd665b91a05091de29060d0ee2665c0 } from 'payload-plugin-newsroom/client'
import { VideoSourcePreviewField as VideoSourcePreviewField_afd665b91a05091de29060d0ee2665c0 } from 'payload-plugin-newsroom/client'
import { ShownInVideoPreview as ShownInVideoPreview_afd665b91a05091de29060d0ee2665c0 } from 'payload-plugin-newsroom/client'
import { VideoPosterCell as VideoPosterCell_afd665b91a05091de29060d0ee2665c0 } from 'payload-plugin-newsroom/client'
import { VttFileInput as VttFileInput_afd665b91a05091de29060d0ee2665c0 } from 'payload-plugin-newsroom/client'
import { SubscriptionStatusCell as SubscriptionStatusCell_afd665b91a05091de29060d0ee2665c0 } from 'payload-plugin-newsroom/client'
import { StripeIdCell as StripeIdCell_afd665b91a05091de29060d0ee2665c0 } from 'payload-plugin-newsroom/client'
import { StripeIdField as StripeIdField_afd665b91a05091de29060d0ee2665c0 } from 'payload-plugin-newsroom/client'
import { PendingCommentsNavLink as PendingCommentsNavLink_e05013ec33daf3c2c199b8bfca7ef5f5 } from 'payload-plugin-newsroom/rsc'
import { PendingCommentsWidget as PendingCommentsWidget_e05013ec33daf3c2c199b8bfca7ef5f5 } from 'payload-plugin-newsroom/rsc'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalCell": RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalField": RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#LexicalDiffComponent": LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e,
  "payload-plugin-newsroom/client#NewsroomInsertMenuFeatureClient": NewsroomInsertMenuFeatureClient_afd665b91a05091de29060d0ee2665c0,
  "@payloadcms/richtext-lexical/client#BlocksFeatureClient": BlocksFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "payload-plugin-newsroom/client#PaywallBreakDivider": PaywallBreakDivider_afd665b91a05091de29060d0ee2665c0,
  "@payloadcms/richtext-lexical/client#FixedToolbarFeatureClient": FixedToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BoldFeatureClient": BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ItalicFeatureClient": ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnderlineFeatureClient": UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#StrikethroughFeatureClient": StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SubscriptFeatureClient": SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SuperscriptFeatureClient": SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineCodeFeatureClient": InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ParagraphFeatureClient": ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HeadingFeatureClient": HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#AlignFeatureClient": AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#IndentFeatureClient": IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnorderedListFeatureClient": UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#OrderedListFeatureClient": OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ChecklistFeatureClient": ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#LinkFeatureClient": LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#RelationshipFeatureClient": RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BlockquoteFeatureClient": BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UploadFeatureClient": UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HorizontalRuleFeatureClient": HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineToolbarFeatureClient": InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "payload-plugin-newsroom/client#SubscriberPreviewField": SubscriberPreviewField_afd665b91a05091de29060d0ee2665c0,
  "payload-plugin-newsroom/client#VisibilityBadgeCell": VisibilityBadgeCell_afd665b91a05091de29060d0ee2665c0,
  "payload-plugin-newsroom/client#PremiumBadgeCell": PremiumBadgeCell_afd665b91a05091de29060d0ee2665c0,
  "payload-plugin-newsroom/rsc#PremiumFilterTabs": PremiumFilterTabs_e05013ec33daf3c2c199b8bfca7ef5f5,
  "payload-plugin-newsroom/rsc#CommentContextCell": CommentContextCell_e05013ec33daf3c2c199b8bfca7ef5f5,
  "payload-plugin-newsroom/client#CommentExcerptCell": CommentExcerptCell_afd665b91a05091de29060d0ee2665c0,
  "payload-plugin-newsroom/client#CommentStatusCell": CommentStatusCell_afd665b91a05091de29060d0ee2665c0,
  "payload-plugin-newsroom/client#ModerationReasonCell": ModerationReasonCell_afd665b91a05091de29060d0ee2665c0,
  "payload-plugin-newsroom/client#ModerationReasonField": ModerationReasonField_afd665b91a05091de29060d0ee2665c0,
  "payload-plugin-newsroom/rsc#ModerationStatusTabs": ModerationStatusTabs_e05013ec33daf3c2c199b8bfca7ef5f5,
  "payload-plugin-newsroom/client#BulkModerationBar": BulkModerationBar_afd665b91a05091de29060d0ee2665c0,
  "payload-plugin-newsroom/client#DeskKeyboard": DeskKeyboard_afd665b91a05091de29060d0ee2665c0,
  "payload-plugin-newsroom/client#VideoSourcePreviewField": VideoSourcePreviewField_afd665b91a05091de29060d0ee2665c0,
  "payload-plugin-newsroom/client#ShownInVideoPreview": ShownInVideoPreview_afd665b91a05091de29060d0ee2665c0,
  "payload-plugin-newsroom/client#VideoPosterCell": VideoPosterCell_afd665b91a05091de29060d0ee2665c0,
  "payload-plugin-newsroom/client#VttFileInput": VttFileInput_afd665b91a05091de29060d0ee2665c0,
  "payload-plugin-newsroom/client#SubscriptionStatusCell": SubscriptionStatusCell_afd665b91a05091de29060d0ee2665c0,
  "payload-plugin-newsroom/client#StripeIdCell": StripeIdCell_afd665b91a05091de29060d0ee2665c0,
  "payload-plugin-newsroom/client#StripeIdField": StripeIdField_afd665b91a05091de29060d0ee2665c0,
  "payload-plugin-newsroom/rsc#PendingCommentsNavLink": PendingCommentsNavLink_e05013ec33daf3c2c199b8bfca7ef5f5,
  "payload-plugin-newsroom/rsc#PendingCommentsWidget": PendingCommentsWidget_e05013ec33daf3c2c199b8bfca7ef5f5,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
