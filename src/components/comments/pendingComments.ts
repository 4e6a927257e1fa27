import type { I18nClient } from '@payloadcms/translations'
import type { CollectionSlug, Payload, PayloadRequest, TypedUser } from 'payload'

/** What a server admin component receives: nav/dashboard slots pass `payload`, dashboard widgets pass `req`. */
export type AdminServerProps = {
  i18n?: I18nClient
  payload?: Payload
  req?: PayloadRequest
  user?: null | TypedUser
}

export const resolveServerProps = (props: AdminServerProps) => {
  const payload = props.payload ?? props.req?.payload
  const i18n = props.i18n ?? (props.req?.i18n as I18nClient | undefined)
  const user = props.user ?? props.req?.user ?? null
  return { i18n, payload, user }
}

/** Comments awaiting moderation, counted in the database as the signed-in editor (access control applies). */
export const countPendingComments = async (payload: Payload, user: null | TypedUser, commentsSlug: string) =>
  (
    await payload.count({
      collection: commentsSlug as CollectionSlug,
      overrideAccess: false,
      user,
      where: { status: { equals: 'pending' } },
    })
  ).totalDocs
