import type { PayloadRequest } from 'payload'

/** Editors are users of the admin user collection (the ones who can log into the admin panel). */
export const isEditor = (req: PayloadRequest): boolean =>
  Boolean(req.user && req.user.collection === req.payload.config.admin.user)

export const editorsOnly = ({ req }: { req: PayloadRequest }): boolean => isEditor(req)
