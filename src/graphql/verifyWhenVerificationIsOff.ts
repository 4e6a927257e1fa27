import type { CollectionConfig, GraphQLExtension } from 'payload'

import { formatNames, toWords } from 'payload'
import { NewsroomClientError } from '../utilities/clientError.js'

/**
 * GraphQL's side of src/endpoints/verifyWhenVerificationIsOff.ts: @payloadcms/graphql adds
 * `verifyEmail<Singular>` to every auth collection (schema/initCollections.js), also without `auth.verify`,
 * and its resolver fails on the missing `_verificationToken` field (a 500). For our auth collections
 * without verification the mutation is replaced (custom mutations are merged last) by one answering 404.
 */
export const verifyMutationsWhenVerificationIsOff =
  (collections: CollectionConfig[], host?: GraphQLExtension): GraphQLExtension =>
  (GraphQL, context) => {
    const ours = Object.fromEntries(
      collections.map((c) => {
        // The name @payloadcms/graphql gives the collection's singular type.
        const singular =
          c.graphQL && c.graphQL.singularName ? toWords(c.graphQL.singularName, true) : formatNames(c.slug).singular
        return [
          `verifyEmail${singular}`,
          {
            args: { token: { type: GraphQL.GraphQLString } },
            resolve: () => {
              throw new NewsroomClientError('Email verification is not enabled for this collection.', 404)
            },
            type: GraphQL.GraphQLBoolean,
          },
        ]
      }),
    )
    return { ...ours, ...(host?.(GraphQL, context) ?? {}) }
  }
