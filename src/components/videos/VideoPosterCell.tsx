'use client'
import type { DefaultCellComponentProps, TextFieldClient } from 'payload'

import React, { useState } from 'react'

import { LinkedCell } from '../LinkedCell.js'
import { NewsroomStyles } from '../NewsroomStyles.js'
import { useNewsroomTranslation } from '../useNewsroomTranslation.js'

/** A video's poster (its `thumbnailUrl`: the editor-set poster, else the provider's thumbnail) as a small image. */
export const VideoPosterCell: React.FC<DefaultCellComponentProps<TextFieldClient>> = (props) => {
  const { t } = useNewsroomTranslation()
  const [failed, setFailed] = useState(false)
  const src = typeof props.cellData === 'string' && props.cellData ? props.cellData : null
  const title = typeof props.rowData?.title === 'string' ? props.rowData.title : ''
  return (
    <LinkedCell {...props}>
      <NewsroomStyles />
      {src && !failed ? (
        <img
          alt={title}
          className="newsroom-poster"
          data-newsroom-poster={src}
          loading="lazy"
          onError={() => setFailed(true)}
          src={src}
        />
      ) : (
        <span className="newsroom-poster newsroom-poster--empty" data-newsroom-poster={src ?? ''}>
          {t('plugin-newsroom:noPoster')}
        </span>
      )}
    </LinkedCell>
  )
}
