import type { GraphQLExtension, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import type { ResolvedNewsroomOptions } from '../types.js'

import { meterUsage } from '../access/meter/meterStore.js'
import { unlockArticle } from './unlockArticle.js'
import { meterRequesterOf } from '../access/meter/requesterKey.js'
import { readMeterSettings } from '../globals/accessSettings.js'

type Context = { req: PayloadRequest }

/* The GraphQL Meter type is built once per schema build (one `GraphQL` module instance). */
const meterTypes = new WeakMap<object, unknown>()
const meterTypeOf = (GraphQL: Parameters<GraphQLExtension>[0]) => {
  let type = meterTypes.get(GraphQL) as InstanceType<typeof GraphQL.GraphQLObjectType> | undefined
  if (!type) {
    type = new GraphQL.GraphQLObjectType({
      name: 'NewsroomMeter',
      fields: {
        limit: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLInt) },
        remaining: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLInt) },
        resetsAt: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLString) },
        used: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLInt) },
      },
    })
    meterTypes.set(GraphQL, type)
  }
  return type
}

/** `meter { used limit remaining resetsAt }` for the current requester (null without metering). */
export const meterQueries =
  (options: ResolvedNewsroomOptions, host?: GraphQLExtension): GraphQLExtension =>
  (GraphQL, payload) => ({
    ...(host?.(GraphQL, payload) ?? {}),
    meter: {
      resolve: async (_: unknown, __: unknown, { req }: Context) => {
        const settings = await readMeterSettings(req.payload, options)
        if (!settings) return null
        const requester = meterRequesterOf(req, options)
        const counted = requester && !(requester.anonymous && settings.audience === 'members') ? requester.key : null
        // Anonymous visitors have no meter when only members may use it.
        if (!counted && settings.audience === 'members' && !req.user) return null
        return meterUsage(req.payload, options, settings, counted, new Date())
      },
      type: meterTypeOf(GraphQL),
    },
  })

/** `unlockArticle(id)`: the unlocked article, or an error with status 403 and the meter in `extensions.data`. */
export const meterMutations =
  (options: ResolvedNewsroomOptions, host?: GraphQLExtension): GraphQLExtension =>
  (GraphQL, payload) => {
    const articleType = payload.collections[options.slugs.articles]?.graphQL?.type
    return {
      ...(host?.(GraphQL, payload) ?? {}),
      ...(articleType
        ? {
            unlockArticle: {
              args: { id: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLString) } },
              resolve: async (_: unknown, { id }: { id: string }, { req }: Context) => {
                const answer = await unlockArticle(req, options, id, 1)
                if (answer.status === 200) return answer.article
                throw new APIError(answer.message, answer.status, { meter: answer.meter }, true)
              },
              type: articleType,
            },
          }
        : {}),
    }
  }
