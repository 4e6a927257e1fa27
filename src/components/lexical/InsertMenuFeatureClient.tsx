'use client'
import {
  createClientFeature,
  INSERT_BLOCK_COMMAND,
  toolbarAddDropdownGroupWithItems,
} from '@payloadcms/richtext-lexical/client'
import React from 'react'

import { VIDEO_EMBED_BLOCK } from '../../lexical/videoEmbedBlock.js'
import { PAYWALL_BREAK_BLOCK } from '../../utilities/extractTeaser.js'

const PaywallBreakIcon: React.FC = () => (
  <svg
    aria-hidden="true"
    fill="none"
    height="20"
    stroke="currentColor"
    strokeLinecap="round"
    strokeWidth="1.6"
    viewBox="0 0 20 20"
    width="20"
  >
    <rect height="7" rx="1.5" width="10" x="5" y="7.5" />
    <path d="M7.5 7.5V5.5a2.5 2.5 0 0 1 5 0v2" />
    <path d="M1 18h18" strokeDasharray="2.5 2" />
  </svg>
)

const VideoIcon: React.FC = () => (
  <svg
    aria-hidden="true"
    fill="none"
    height="20"
    stroke="currentColor"
    strokeLinejoin="round"
    strokeWidth="1.6"
    viewBox="0 0 20 20"
    width="20"
  >
    <rect height="12" rx="2" width="16" x="2" y="4" />
    <path d="M8.5 7.5v5l4-2.5z" fill="currentColor" />
  </svg>
)

const insert =
  (blockType: string) =>
  ({ editor }: { editor: { dispatchCommand: (...args: never[]) => boolean } }) => {
    ;(editor.dispatchCommand as (command: unknown, payload: unknown) => boolean)(INSERT_BLOCK_COMMAND, {
      blockName: '',
      blockType,
    })
  }

type LabelArgs = { i18n: { t: (key: string) => string } }

/**
 * The article editor's toolbar "+" (insert) menu gets the paywall break and the video, labelled, next to
 * Payload's own items — where editors look first, not only behind the blocks icon or the "/" menu.
 */
export const NewsroomInsertMenuFeatureClient = createClientFeature({
  toolbarFixed: {
    groups: [
      toolbarAddDropdownGroupWithItems([
        {
          ChildComponent: PaywallBreakIcon,
          key: 'newsroom-paywall-break',
          label: ({ i18n }: LabelArgs) => i18n.t('plugin-newsroom:insertPaywallBreak'),
          onSelect: insert(PAYWALL_BREAK_BLOCK) as never,
          order: 100,
        },
        {
          ChildComponent: VideoIcon,
          key: 'newsroom-video',
          label: ({ i18n }: LabelArgs) => i18n.t('plugin-newsroom:insertVideo'),
          onSelect: insert(VIDEO_EMBED_BLOCK) as never,
          order: 101,
        },
      ] as never),
    ],
  },
})
