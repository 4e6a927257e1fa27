'use client'
import { useField } from '@payloadcms/ui'
import React, { useId, useState } from 'react'

import { MAX_WEBVTT_LENGTH, webVttError } from '../../utilities/webVtt.js'

/**
 * Under a caption track's WebVTT text: "Load from a .vtt file" (what a captioning service delivers). The file is
 * read in the browser and checked with the same rule the server applies on save; a valid file fills the text,
 * an invalid one is refused here with the reason and leaves the text as it was.
 */
export const VttFileInput: React.FC<{ path: string; readOnly?: boolean }> = ({ path, readOnly }) => {
  const { setValue } = useField<string>({ path })
  const [problem, setProblem] = useState<null | string>(null)
  const id = useId()
  if (readOnly) return null
  const load = async (event: React.ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget
    const file = input.files?.[0]
    input.value = ''
    if (!file) return
    // Characters are at most 4 bytes in UTF-8: a larger file cannot be within the length limit.
    const text = file.size > MAX_WEBVTT_LENGTH * 4 ? null : await file.text()
    const error = text === null ? 'The file is too large for a caption track.' : webVttError(text)
    setProblem(error)
    if (!error && text !== null) setValue(text)
  }
  return (
    <div className="newsroom-vtt-file" style={{ marginTop: 'calc(var(--base) / 2)' }}>
      <label htmlFor={id} style={{ marginInlineEnd: 'calc(var(--base) / 2)' }}>
        Load from a .vtt file
      </label>
      <input accept=".vtt,text/vtt" id={id} onChange={(event) => void load(event)} type="file" />
      {problem ? (
        <p className="field-error" role="alert" style={{ color: 'var(--theme-error-500)' }}>
          {problem}
        </p>
      ) : null}
    </div>
  )
}
