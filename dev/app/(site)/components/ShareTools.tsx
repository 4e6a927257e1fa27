'use client'

import { type FormEvent, type ReactNode, useId, useState } from 'react'

import type { FieldError } from '../lib/types.js'

import { useHydrated } from '../lib/useHydrated.js'

/** The plugin's default honeypot field name, shared by the comment and the email forms. */
const HONEYPOT_FIELD = 'phone'

type EmailResponse = { errors?: { data?: { errors?: FieldError[] }; message?: string }[]; message?: string }

/**
 * Print, PDF and Email, wired to the plugin's article endpoints. Print and PDF are plain links (the
 * browser sends the reader's cookie, so subscribers get the full text); Email posts the small form.
 */
export function ShareTools({ articleId, title }: { articleId: string; title: string }) {
  const base = `/api/articles/${encodeURIComponent(articleId)}`
  const formId = useId()
  const hydrated = useHydrated()
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [result, setResult] = useState<{ message: string; ok: boolean } | null>(null)
  const [sending, setSending] = useState(false)

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    const values = Object.fromEntries(new FormData(form)) as Record<string, string>
    setSending(true)
    setResult(null)
    let response: Response | null = null
    let body: EmailResponse = {}
    try {
      response = await fetch(`${base}/email`, {
        body: JSON.stringify({
          message: values.message || undefined,
          senderName: values.senderName,
          to: values.to,
          [HONEYPOT_FIELD]: values[HONEYPOT_FIELD] || undefined,
        }),
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        method: 'POST',
      })
      body = (await response.json().catch(() => ({}))) as EmailResponse
    } catch {
      // network failure: reported below
    }
    setSending(false)
    const fieldErrors: Record<string, string> = {}
    for (const error of body.errors ?? [])
      for (const { message, path } of error.data?.errors ?? []) fieldErrors[path] ??= message
    setErrors(fieldErrors)
    if (response?.ok) {
      form.reset()
      setResult({ message: body.message ?? 'The article is on its way.', ok: true })
    } else if (!Object.keys(fieldErrors).length) {
      setResult({ message: body.errors?.[0]?.message ?? 'The email could not be sent. Try again later.', ok: false })
    }
  }

  const field = (name: 'message' | 'senderName' | 'to', label: string, input: ReactNode) => (
    <div className="field">
      <label htmlFor={`${formId}-${name}`}>{label}</label>
      {input}
      {errors[name] ? (
        <p className="field-error" id={`${formId}-${name}-error`}>
          {errors[name]}
        </p>
      ) : null}
    </div>
  )
  const a11y = (name: string) => ({
    'aria-describedby': errors[name] ? `${formId}-${name}-error` : undefined,
    'aria-invalid': errors[name] ? true : undefined,
    id: `${formId}-${name}`,
    name,
  })

  return (
    <div className="share-tools">
      <ul aria-label="Print, PDF and email" className="share-buttons">
        <li>
          <a className="button" href={`${base}/print`} rel="noopener" target="_blank">
            Print
          </a>
        </li>
        <li>
          <a className="button" download href={`${base}/pdf`}>
            PDF
          </a>
        </li>
        <li>
          <details className="email-article">
            <summary className="button">Email</summary>
            <form aria-label={`Email “${title}”`} method="post" noValidate onSubmit={onSubmit}>
              {field(
                'to',
                'Recipient email (up to 5, separated by commas) *',
                <input {...a11y('to')} aria-required="true" autoComplete="off" type="text" />,
              )}
              {field(
                'senderName',
                'Your name *',
                <input {...a11y('senderName')} aria-required="true" autoComplete="name" type="text" />,
              )}
              {field('message', 'Message (optional)', <textarea {...a11y('message')} maxLength={1000} rows={3} />)}
              <div aria-hidden="true" className="honeypot">
                <label htmlFor={`${formId}-honeypot`}>Leave this field empty</label>
                <input autoComplete="off" id={`${formId}-honeypot`} name={HONEYPOT_FIELD} tabIndex={-1} type="text" />
              </div>
              <p>
                <button disabled={sending || !hydrated} type="submit">
                  {sending ? 'Sending…' : 'Send'}
                </button>
              </p>
              <div aria-live="polite" role="status">
                {result?.ok ? <p className="notice">{result.message}</p> : null}
              </div>
              {result && !result.ok ? (
                <p className="form-error" role="alert">
                  {result.message}
                </p>
              ) : null}
            </form>
          </details>
        </li>
      </ul>
    </div>
  )
}
