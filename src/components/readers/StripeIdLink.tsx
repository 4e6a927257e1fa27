'use client'
import type { DefaultCellComponentProps, TextFieldClient } from 'payload'

import { useField } from '@payloadcms/ui'
import React from 'react'

import { stripeDashboardUrl } from './stripeDashboard.js'

type Props = { kind: 'customers' | 'subscriptions'; testMode: boolean }

const Link: React.FC<Props & { id: string }> = ({ id, kind, testMode }) => (
  <a
    className="newsroom-stripe-link"
    href={stripeDashboardUrl(kind, id, testMode)}
    rel="noopener noreferrer"
    target="_blank"
  >
    {id} ↗
  </a>
)

/** In the reader's edit view, under a Stripe id: a link to it in the Stripe dashboard. */
export const StripeIdField: React.FC<Props & { path?: string }> = ({ kind, path, testMode }) => {
  const { value } = useField<string>(path ? { path } : {})
  if (!value) return null
  return (
    <div style={{ marginTop: 4 }}>
      <Link id={value} kind={kind} testMode={testMode} />
    </div>
  )
}

/** In the readers list: the Stripe id as a dashboard link. */
export const StripeIdCell: React.FC<DefaultCellComponentProps<TextFieldClient> & Props> = ({
  cellData,
  kind,
  testMode,
}) => (typeof cellData === 'string' && cellData ? <Link id={cellData} kind={kind} testMode={testMode} /> : null)
