/**
 * Default config of a test cluster node (and of the cluster's in-Jest observer): the editors' `users`
 * collection and the newsroom plugin with `options.plugin`, plus `options.jobs` merged into Payload's jobs
 * config. A second plugin appends kill-point hooks to the plugin's collections (test config only, the plugin
 * knows nothing of them): `hook.<collection>.<beforeChange|afterChange|afterDelete>`, run after the plugin's.
 */
import type { CollectionConfig, Config, Plugin } from 'payload'

import type { ClusterConfigFactory } from './cluster.js'

import { newsroomPlugin } from '../../src/index.js'
import { editorsCollection, HARNESS_TRUSTED_PROXIES } from '../helpers/newsroomApp.js'

const KILL_POINT_COLLECTIONS = ['comments', 'articles', 'comment-reports']

const withKillPointHooks =
  (killPoint: Parameters<ClusterConfigFactory>[0]['killPoint']): Plugin =>
  (config: Config): Config => ({
    ...config,
    collections: (config.collections ?? []).map((collection): CollectionConfig => {
      if (!KILL_POINT_COLLECTIONS.includes(collection.slug)) return collection
      const point = (hook: string) => `hook.${collection.slug}.${hook}`
      return {
        ...collection,
        hooks: {
          ...collection.hooks,
          afterChange: [
            ...(collection.hooks?.afterChange ?? []),
            ({ doc }) => {
              killPoint(point('afterChange'), doc)
              return doc
            },
          ],
          afterDelete: [
            ...(collection.hooks?.afterDelete ?? []),
            ({ doc }) => {
              killPoint(point('afterDelete'), doc)
              return doc
            },
          ],
          beforeChange: [
            ...(collection.hooks?.beforeChange ?? []),
            ({ data }) => {
              killPoint(point('beforeChange'), data)
              return data
            },
          ],
        },
      }
    }),
  })

const clusterConfig: ClusterConfigFactory = ({ killPoint, options }) => ({
  admin: { user: 'users' },
  collections: [editorsCollection],
  jobs: { ...(options.jobs ?? {}) },
  plugins: [
    newsroomPlugin({ trustedProxies: HARNESS_TRUSTED_PROXIES, ...options.plugin }),
    withKillPointHooks(killPoint),
  ],
})

export default clusterConfig
