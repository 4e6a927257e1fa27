'use client'

import { useRouter } from 'next/navigation.js'
import { type FormEvent, useState } from 'react'

import type { Reader, SubmitCommentData } from '../lib/types.js'

import submitComment from '../../../graphql/submitComment.graphql'
import { fieldErrorsOf, sendGraphQL } from '../lib/browser.js'
import { useHydrated } from '../lib/useHydrated.js'

/** The plugin's default `comments.honeypotField`: hidden from people, filled in by bots. */
const HONEYPOT_FIELD = 'phone'

type FieldName = 'authorEmail' | 'authorName' | 'authorUrl' | 'body'

const FIELDS: { autoComplete: string; id: string; label: string; name: FieldName; required: boolean; type: string }[] =
  [
    { autoComplete: 'name', id: 'comment-author', label: 'Name', name: 'authorName', required: true, type: 'text' },
    { autoComplete: 'email', id: 'comment-email', label: 'Email', name: 'authorEmail', required: true, type: 'email' },
    { autoComplete: 'url', id: 'comment-url', label: 'Website', name: 'authorUrl', required: false, type: 'url' },
  ]

type Outcome = { kind: 'approved' | 'pending' } | { kind: 'error'; message: string } | null

/**
 * "Leave a Comment": posts the SubmitComment mutation from the browser. Field errors appear next to
 * their fields; a held comment is acknowledged as awaiting moderation, an approved one is shown at once.
 */
export function CommentForm({
  articleId,
  articlePath,
  reader,
  replyTo,
}: {
  articleId: string
  articlePath: string
  reader: null | Reader
  replyTo: { authorName: string; id: string } | null
}) {
  const router = useRouter()
  const hydrated = useHydrated()
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [outcome, setOutcome] = useState<Outcome>(null)
  const [submitting, setSubmitting] = useState(false)

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    const values = Object.fromEntries(new FormData(form)) as Record<string, string>
    setSubmitting(true)
    setOutcome(null)
    const result = await sendGraphQL<SubmitCommentData>(submitComment, {
      data: {
        article: articleId,
        authorEmail: values.authorEmail ?? '',
        authorName: values.authorName ?? '',
        authorUrl: values.authorUrl || undefined,
        body: values.body ?? '',
        parent: replyTo?.id,
        [HONEYPOT_FIELD]: values[HONEYPOT_FIELD] || undefined,
      },
    })
    setSubmitting(false)

    const fieldErrors = fieldErrorsOf(result.errors)
    setErrors(fieldErrors)
    const firstInvalid = [...FIELDS.map((field) => field.name), 'body'].find((name) => fieldErrors[name])
    if (firstInvalid) {
      form.querySelector<HTMLElement>(`[name="${firstInvalid}"]`)?.focus()
      return
    }
    const created = result.data?.createComment
    if (result.errors?.length || !created) {
      // Field errors on what the form does not show (article, parent) and refusals (closed, too fast, duplicate).
      const message = Object.values(fieldErrors).join(' ') || result.errors?.[0]?.message
      setOutcome({ kind: 'error', message: message || 'Your comment could not be posted.' })
      return
    }
    form.reset()
    setOutcome({ kind: created.status === 'approved' ? 'approved' : 'pending' })
    // An approved comment appears in the thread above at once.
    if (created.status === 'approved') router.refresh()
  }

  const describedBy = (id: string, name: string) => (errors[name] ? `${id}-error` : undefined)

  return (
    <section aria-labelledby="respond-title" className="comment-respond" id="respond">
      <h3 id="respond-title">{replyTo ? `Reply to ${replyTo.authorName}` : 'Leave a Comment'}</h3>
      {replyTo ? (
        <p>
          <a href={`${articlePath}#respond`}>Cancel reply</a>
        </p>
      ) : null}
      <noscript>
        <p>Posting a comment needs JavaScript.</p>
      </noscript>
      <form method="post" noValidate onSubmit={onSubmit}>
        <p className="form-note">
          Your email address will not be published. Required fields are marked <span aria-hidden="true">*</span>
        </p>
        {FIELDS.map((field) => (
          <div className="field" key={field.name}>
            <label htmlFor={field.id}>
              {field.label}
              {field.required ? (
                <>
                  {' '}
                  <span aria-hidden="true" className="required">
                    *
                  </span>
                </>
              ) : null}
            </label>
            <input
              aria-describedby={describedBy(field.id, field.name)}
              aria-invalid={errors[field.name] ? true : undefined}
              aria-required={field.required ? 'true' : undefined}
              autoComplete={field.autoComplete}
              defaultValue={
                field.name === 'authorName'
                  ? (reader?.name ?? '')
                  : field.name === 'authorEmail'
                    ? (reader?.email ?? '')
                    : ''
              }
              id={field.id}
              name={field.name}
              required={field.required}
              type={field.type}
            />
            {errors[field.name] ? (
              <p className="field-error" id={`${field.id}-error`}>
                {errors[field.name]}
              </p>
            ) : null}
          </div>
        ))}
        <div className="field">
          <label htmlFor="comment-body">
            Comment{' '}
            <span aria-hidden="true" className="required">
              *
            </span>
          </label>
          <textarea
            aria-describedby={describedBy('comment-body', 'body')}
            aria-invalid={errors.body ? true : undefined}
            aria-required="true"
            cols={45}
            id="comment-body"
            maxLength={5000}
            name="body"
            required
            rows={6}
          />
          {errors.body ? (
            <p className="field-error" id="comment-body-error">
              {errors.body}
            </p>
          ) : null}
        </div>
        <div aria-hidden="true" className="honeypot">
          <label htmlFor="comment-honeypot">Leave this field empty</label>
          <input autoComplete="off" id="comment-honeypot" name={HONEYPOT_FIELD} tabIndex={-1} type="text" />
        </div>
        <p>
          <button disabled={submitting || !hydrated} type="submit">
            {submitting ? 'Posting…' : 'Post Comment'}
          </button>
        </p>
        <div aria-live="polite" role="status">
          {outcome?.kind === 'pending' ? (
            <p className="notice">Thank you! Your comment is awaiting moderation.</p>
          ) : null}
          {outcome?.kind === 'approved' ? <p className="notice">Thank you! Your comment has been published.</p> : null}
        </div>
        {outcome?.kind === 'error' ? (
          <p className="form-error" role="alert">
            {outcome.message}
          </p>
        ) : null}
      </form>
    </section>
  )
}
