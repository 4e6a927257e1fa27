import type { CheckboxField } from 'payload'

/** Set on an upload while a premium video plays it (maintained by the videos collection's hooks). */
export const PREMIUM_VIDEO_FILE_FIELD = 'premiumVideoFile'

export const premiumVideoFileField = (): CheckboxField => ({
  name: PREMIUM_VIDEO_FILE_FIELD,
  type: 'checkbox',
  // Only the videos hooks (with overrideAccess) set it: an editor cannot unlock a premium file by hand.
  access: { create: () => false, update: () => false },
  admin: {
    description: 'Set automatically while a premium video plays this file: only subscribers can fetch it.',
    position: 'sidebar',
    readOnly: true,
  },
  defaultValue: false,
  index: true,
})
