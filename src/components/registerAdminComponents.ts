import type { CollectionConfig, Config, Field, PayloadComponent, UIField } from 'payload'

import type { ResolvedNewsroomOptions } from '../types.js'

import { mergeNewsroomTranslations } from '../translations/index.js'
import { insertAfter, mapFieldByName } from '../utilities/fieldTree.js'
import { client, type ComponentRef, rsc } from './componentRefs.js'

/** Slug of the modular-dashboard widget showing comments awaiting moderation. */
export const MODERATION_WIDGET_SLUG = 'newsroom-moderation'

/**
 * Adds the editors' admin UI to a config whose collections the plugin already built: moderation queue
 * (status tabs, row and bulk actions, nav badge, dashboard widget), premium badges and filters, the
 * non-subscriber preview, video poster and source preview, and the translations they use.
 * Appends to whatever the host configured; never replaces a component the host set itself.
 */
export const registerAdminComponents = (config: Config, options: ResolvedNewsroomOptions): Config => {
  const { slugs } = options
  const collections = (config.collections ?? []).map((collection) => {
    if (collection.slug === slugs.comments) return withCommentsUI(collection, options)
    if (collection.slug === slugs.articles) return withArticlesUI(collection, options)
    if (collection.slug === slugs.videos) return withVideosUI(collection)
    if (collection.slug === slugs.readers) return withReadersUI(collection, options)
    return collection
  })

  const admin = config.admin ?? {}
  const dashboard = admin.dashboard
  return {
    ...config,
    admin: {
      ...admin,
      components: {
        ...admin.components,
        afterNavLinks: [
          ...(admin.components?.afterNavLinks ?? []),
          rsc('PendingCommentsNavLink', { commentsSlug: slugs.comments }),
        ],
      },
      dashboard: {
        ...dashboard,
        // Editors can add, move or remove it; it starts on the dashboard unless the host chose a layout.
        defaultLayout: dashboard?.defaultLayout ?? [
          { widgetSlug: MODERATION_WIDGET_SLUG, width: 'medium' },
          // Payload's own collections overview, which a layout of our own would otherwise drop.
          { widgetSlug: 'collections', width: 'full' },
        ],
        widgets: [
          ...(dashboard?.widgets ?? []),
          {
            slug: MODERATION_WIDGET_SLUG,
            Component: rsc('PendingCommentsWidget', { articlesSlug: slugs.articles, commentsSlug: slugs.comments }),
            label: ({ t }) => (t as (key: string) => string)('plugin-newsroom:moderationWidgetLabel'),
            maxWidth: 'full',
            minWidth: 'small',
          },
        ],
      },
    },
    collections,
    i18n: { ...config.i18n, translations: mergeNewsroomTranslations(config.i18n) },
  }
}

const withCommentsUI = (collection: CollectionConfig, options: ResolvedNewsroomOptions): CollectionConfig => {
  let fields = withCell(collection.fields, 'status', client('CommentStatusCell'))
  // The desk's author column: email, website, history, the parent, the reader page, reply and edit.
  fields = withCell(
    fields,
    'authorName',
    rsc('CommentContextCell', {
      articlePath: options.articlePath,
      articlesSlug: options.slugs.articles,
      siteUrl: options.siteUrl,
    }),
  )
  fields = withCell(fields, 'body', client('CommentExcerptCell'))
  fields = withCell(fields, 'moderationReason', client('ModerationReasonCell'))
  fields = withFieldComponent(fields, 'moderationReason', client('ModerationReasonField'))
  return {
    ...collection,
    admin: appendListComponents(collection.admin, [
      rsc('ModerationStatusTabs'),
      client('BulkModerationBar'),
      client('DeskKeyboard'),
    ]),
    fields,
  }
}

const withArticlesUI = (collection: CollectionConfig, options: ResolvedNewsroomOptions): CollectionConfig => {
  let fields = withCell(collection.fields, 'premium', client('PremiumBadgeCell'))
  fields = withCell(fields, 'visibility', client('VisibilityBadgeCell'))
  const preview: UIField = {
    name: 'subscriberPreview',
    type: 'ui',
    admin: {
      components: {
        Field: client('SubscriberPreviewField', {
          subscribeUrl: options.premium.subscribeUrl,
          teaserBlocks: options.premium.teaser.blocks,
        }),
      },
      disableListColumn: true,
    },
  }
  fields = insertAfter(fields, 'content', preview)
  return { ...collection, admin: appendListComponents(collection.admin, [rsc('PremiumFilterTabs')]), fields }
}

const withVideosUI = (collection: CollectionConfig): CollectionConfig => {
  let fields = withCell(collection.fields, 'premium', client('PremiumBadgeCell'))
  fields = withCell(fields, 'visibility', client('VisibilityBadgeCell'))
  fields = withCell(fields, 'thumbnailUrl', client('VideoPosterCell'))
  const preview: UIField = {
    name: 'sourcePreview',
    type: 'ui',
    admin: { components: { Field: client('VideoSourcePreviewField') }, disableListColumn: true },
  }
  fields = insertAfter(fields, 'url', preview)
  // A caption track's text can be loaded from the .vtt file a captioning service delivers.
  fields = mapFieldByName(fields, 'captions', (captions) =>
    captions.type === 'array'
      ? { ...captions, fields: withAfterInput(captions.fields, 'vtt', client('VttFileInput')) }
      : captions,
  )
  // Computed on save and shown once, in the preview: no empty read-only inputs in the form.
  for (const name of ['provider', 'providerId', 'embedUrl', 'thumbnailUrl']) {
    fields = withFieldComponent(fields, name, client('ShownInVideoPreview'))
  }
  return { ...collection, admin: appendListComponents(collection.admin, [rsc('PremiumFilterTabs')]), fields }
}

/** Readers: the subscription status as a badge; with billing, Stripe ids link to the Stripe dashboard. */
const withReadersUI = (collection: CollectionConfig, options: ResolvedNewsroomOptions): CollectionConfig => {
  const testMode = !options.billing?.stripe.secretKey.startsWith('sk_live_')
  const fields = mapFieldByName(collection.fields, 'subscription', (group) => {
    if (group.type !== 'group') return group
    let subFields = withCell(group.fields, 'status', client('SubscriptionStatusCell'))
    if (options.billing) {
      for (const [name, kind] of [
        ['stripeCustomerId', 'customers'],
        ['stripeSubscriptionId', 'subscriptions'],
      ] as const) {
        subFields = withCell(subFields, name, client('StripeIdCell', { kind, testMode }))
        subFields = mapFieldByName(subFields, name, (field) => {
          const admin = (field.admin ?? {}) as { components?: { afterInput?: unknown[] } }
          return {
            ...field,
            admin: {
              ...admin,
              components: {
                ...admin.components,
                afterInput: [...(admin.components?.afterInput ?? []), client('StripeIdField', { kind, testMode })],
              },
            },
          } as Field
        })
      }
    }
    return { ...group, fields: subFields }
  })
  return { ...collection, fields }
}

const appendListComponents = (
  admin: CollectionConfig['admin'],
  beforeListTable: ComponentRef[],
): CollectionConfig['admin'] => ({
  ...admin,
  components: {
    ...admin?.components,
    beforeListTable: [...(admin?.components?.beforeListTable ?? []), ...beforeListTable],
  },
})

/** Gives the field `name` our list cell, unless the host already chose one. */
const withCell = (fields: Field[], name: string, Cell: ComponentRef): Field[] =>
  mapFieldByName(fields, name, (field) => {
    const admin = (field.admin ?? {}) as { components?: { Cell?: PayloadComponent } }
    if (admin.components?.Cell) return field
    return { ...field, admin: { ...admin, components: { ...admin.components, Cell } } } as Field
  })

/** Gives the field `name` our edit-view component, unless the host already chose one. */
/** Appends a component after the input of the data field `name` (the host's own afterInput components stay). */
const withAfterInput = (fields: Field[], name: string, component: ComponentRef): Field[] =>
  mapFieldByName(fields, name, (field) => {
    const admin = (field.admin ?? {}) as { components?: { afterInput?: PayloadComponent[] } }
    const afterInput = [...(admin.components?.afterInput ?? []), component as PayloadComponent]
    return { ...field, admin: { ...admin, components: { ...admin.components, afterInput } } } as Field
  })

const withFieldComponent = (fields: Field[], name: string, Field: ComponentRef): Field[] =>
  mapFieldByName(fields, name, (field) => {
    const admin = (field.admin ?? {}) as { components?: { Field?: PayloadComponent } }
    if (admin.components?.Field) return field
    return { ...field, admin: { ...admin, components: { ...admin.components, Field } } } as Field
  })
