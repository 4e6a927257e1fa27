'use client'
import type { DefaultCellComponentProps } from 'payload'

import { Link, useConfig } from '@payloadcms/ui'
import { formatAdminURL } from 'payload/shared'
import React from 'react'

/**
 * Wraps a custom cell's content in the link to the document when Payload marks the column as the
 * linked one (the first visible column), so replacing a cell never removes the way into the document.
 */
export const LinkedCell: React.FC<
  { children: React.ReactNode } & Pick<DefaultCellComponentProps, 'collectionSlug' | 'link' | 'linkURL' | 'rowData'>
> = ({ children, collectionSlug, link, linkURL, rowData }) => {
  const {
    config: {
      routes: { admin: adminRoute },
    },
  } = useConfig()
  if (!link || rowData?.id === undefined) return <>{children}</>
  const href =
    linkURL ??
    formatAdminURL({ adminRoute, path: `/collections/${collectionSlug}/${encodeURIComponent(String(rowData.id))}` })
  return (
    <Link href={href} prefetch={false}>
      {children}
    </Link>
  )
}
