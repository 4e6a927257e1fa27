import type { SelectField, TextField } from 'payload'

import { VISIBILITIES } from '../src/utilities/accessDecision.js'

/** The strictest visibility among the videos that play an upload (maintained by the videos collection's hooks). */
export const VIDEO_FILE_VISIBILITY_FIELD = 'videoFileVisibility'
/** With a `tiers` visibility: the tiers every such video opens to. */
export const VIDEO_FILE_TIERS_FIELD = 'videoFileTiers'

// Only the videos hooks (with overrideAccess) set them: an editor cannot open a file by hand.
const hooksOnly = { create: () => false, update: () => false }

export const videoFileAccessFields = (): [SelectField, TextField] => [
  {
    name: VIDEO_FILE_VISIBILITY_FIELD,
    type: 'select',
    access: hooksOnly,
    admin: {
      description: 'Set automatically: who can fetch this file (the strictest of the videos that play it).',
      position: 'sidebar',
      readOnly: true,
    },
    index: true,
    options: VISIBILITIES.map((value) => ({ label: value, value })),
  },
  {
    name: VIDEO_FILE_TIERS_FIELD,
    type: 'text',
    access: hooksOnly,
    admin: {
      condition: (data) => data?.[VIDEO_FILE_VISIBILITY_FIELD] === 'tiers',
      description: 'Set automatically: the plan tiers whose subscribers can fetch this file.',
      position: 'sidebar',
      readOnly: true,
    },
    hasMany: true,
    index: true,
  },
]
