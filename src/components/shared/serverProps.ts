import type { I18nClient } from '@payloadcms/translations'
import type { Payload, PayloadRequest, TypedUser } from 'payload'

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
