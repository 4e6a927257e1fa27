'use client'
import { BlockRemoveButton } from '@payloadcms/richtext-lexical/client'
import React from 'react'

import { NewsroomStyles } from '../NewsroomStyles.js'
import { useNewsroomTranslation } from '../useNewsroomTranslation.js'

/** The paywall break inside the article editor: a dashed rule saying where the subscribers-only part begins. */
export const PaywallBreakDivider: React.FC = () => {
  const { t } = useNewsroomTranslation()
  return (
    <div className="newsroom-paywall-break-row" data-newsroom-paywall-break="">
      <NewsroomStyles />
      <div className="newsroom-paywall-break" role="separator">
        <span>
          🔒 {t('plugin-newsroom:paywallBreak')} · {t('plugin-newsroom:paywallBreakHint')}
        </span>
      </div>
      <BlockRemoveButton />
    </div>
  )
}
