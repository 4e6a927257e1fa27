'use client'
import type { DefaultCellComponentProps, TextareaFieldClient } from 'payload'

import React from 'react'

import { LinkedCell } from '../LinkedCell.js'
import { NewsroomStyles } from '../NewsroomStyles.js'
import { excerpt } from '../shared/excerpt.js'

/** A comment body as a short two-line excerpt, so the queue stays scannable. */
export const CommentExcerptCell: React.FC<DefaultCellComponentProps<TextareaFieldClient>> = (props) => (
  <LinkedCell {...props}>
    <NewsroomStyles />
    <span className="newsroom-excerpt" title={String(props.cellData ?? '')}>
      {excerpt(props.cellData)}
    </span>
  </LinkedCell>
)
