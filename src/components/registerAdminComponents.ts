import type { Block, CollectionConfig, Config, Field, PayloadComponent, UIField } from 'payload'

import type { ResolvedNewsroomOptions } from '../types.js'

import { mergeNewsroomTranslations } from '../translations/index.js'

/** Import-map paths of the plugin's admin components (hosts regenerate the import map to pick them up). */
export const CLIENT_PATH = 'payload-plugin-newsroom/client'
export const RSC_PATH = 'payload-plugin-newsroom/rsc'

/** Slug of the modular-dashboard widget showing comments awaiting moderation. */
export const MODERATION_WIDGET_SLUG = 'newsroom-moderation'

/** A component reference as Payload's config takes it: a path, or a path with extra props. */
type ComponentRef = string | { clientProps?: object; path: string; serverProps?: object }

const client = (name: string, clientProps?: Record<string, unknown>): ComponentRef =>
  clientProps ? { clientProps, path: `${CLIENT_PATH}#${name}` } : `${CLIENT_PATH}#${name}`
const rsc = (name: string, serverProps?: Record<string, unknown>): ComponentRef =>
  serverProps ? { path: `${RSC_PATH}#${name}`, serverProps } : `${RSC_PATH}#${name}`

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
  fields = withCell(fields, 'thumbnailUrl', client('VideoPosterCell'))
  const preview: UIField = {
    name: 'sourcePreview',
    type: 'ui',
    admin: { components: { Field: client('VideoSourcePreviewField') }, disableListColumn: true },
  }
  fields = insertAfter(fields, 'url', preview)
  // Computed on save and shown once, in the preview: no empty read-only inputs in the form.
  for (const name of ['provider', 'providerId', 'embedUrl', 'thumbnailUrl']) {
    fields = withFieldComponent(fields, name, client('ShownInVideoPreview'))
  }
  return { ...collection, admin: appendListComponents(collection.admin, [rsc('PremiumFilterTabs')]), fields }
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

/** Copies `fields`, replacing the data field `name` (at this data level) with `replace(field)`. */
export const mapFieldByName = (fields: Field[], name: string, replace: (field: Field) => Field): Field[] =>
  fields.map((field) => {
    if ('name' in field && field.name === name) return replace(field)
    if (field.type === 'row' || field.type === 'collapsible') {
      return { ...field, fields: mapFieldByName(field.fields, name, replace) }
    }
    if (field.type === 'tabs') {
      return {
        ...field,
        tabs: field.tabs.map((tab) =>
          'name' in tab && tab.name ? tab : { ...tab, fields: mapFieldByName(tab.fields, name, replace) },
        ),
      }
    }
    return field
  })

/** Gives the field `name` our list cell, unless the host already chose one. */
const withCell = (fields: Field[], name: string, Cell: ComponentRef): Field[] =>
  mapFieldByName(fields, name, (field) => {
    const admin = (field.admin ?? {}) as { components?: { Cell?: PayloadComponent } }
    if (admin.components?.Cell) return field
    return { ...field, admin: { ...admin, components: { ...admin.components, Cell } } } as Field
  })

/** Gives the field `name` our edit-view component, unless the host already chose one. */
const withFieldComponent = (fields: Field[], name: string, Field: ComponentRef): Field[] =>
  mapFieldByName(fields, name, (field) => {
    const admin = (field.admin ?? {}) as { components?: { Field?: PayloadComponent } }
    if (admin.components?.Field) return field
    return { ...field, admin: { ...admin, components: { ...admin.components, Field } } } as Field
  })

/** Inserts `extra` right after the data field `name` (wherever it sits at this data level); skipped when absent. */
export const insertAfter = (fields: Field[], name: string, extra: Field): Field[] =>
  fields.flatMap((field): Field[] => {
    if ('name' in field && field.name === name) return [field, extra]
    if (field.type === 'row' || field.type === 'collapsible') {
      return [{ ...field, fields: insertAfter(field.fields, name, extra) }]
    }
    if (field.type === 'tabs') {
      return [
        {
          ...field,
          tabs: field.tabs.map((tab) =>
            'name' in tab && tab.name ? tab : { ...tab, fields: insertAfter(tab.fields, name, extra) },
          ),
        },
      ]
    }
    return [field]
  })

/**
 * The paywall-break block as the article editor shows it: a labelled dashed rule instead of an empty
 * block card. Used only when the plugin is enabled (a disabled plugin registers no components).
 */
export const withPaywallBreakDivider = (block: Block): Block => ({
  ...block,
  admin: { ...block.admin, components: { ...block.admin?.components, Block: client('PaywallBreakDivider') } },
})
