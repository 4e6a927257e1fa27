'use client'
import { type ComponentType, useEffect, useState } from 'react'

type EditorProps = { endpoint: string }

const message = { fontFamily: 'sans-serif', padding: '1rem' }

/** Monaco (GraphiQL's editor) touches `window` as soon as it is imported: it is loaded in the browser only. */
export const Playground = ({ endpoint }: EditorProps) => {
  const [Editor, setEditor] = useState<ComponentType<EditorProps>>()
  const [failure, setFailure] = useState<string>()
  useEffect(() => {
    import('./GraphiQLEditor.js').then(
      (module) => setEditor(() => module.GraphiQLEditor),
      (error: unknown) => setFailure(error instanceof Error ? error.message : String(error)),
    )
  }, [])
  if (failure) return <p style={message}>GraphiQL could not be loaded: {failure}</p>
  return Editor ? <Editor endpoint={endpoint} /> : <p style={message}>Loading GraphiQL…</p>
}
