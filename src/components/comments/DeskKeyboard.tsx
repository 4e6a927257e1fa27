'use client'
import React, { useCallback, useEffect, useRef, useState } from 'react'

import { useNewsroomTranslation } from '../useNewsroomTranslation.js'
import { DESK_SHORTCUTS, deskShortcutFor, moveCurrent } from './deskShortcuts.js'
import { DeskStyles } from './DeskStyles.js'

const CURRENT = 'newsroom-desk--current'
const rowsOf = (): HTMLTableRowElement[] =>
  Array.from(document.querySelectorAll<HTMLTableRowElement>('.table tbody tr'))

/**
 * Keyboard moderation above the comments list: j/k choose the current row, a/u/s/t press its status buttons,
 * r opens its staff reply, ? shows the keys. The buttons do the work (same requests, same refresh).
 */
export const DeskKeyboard: React.FC = () => {
  const { t } = useNewsroomTranslation()
  const [helpOpen, setHelpOpen] = useState(false)
  const current = useRef(-1)

  // Rows are re-rendered after every action: mark the current one again whenever the table changes.
  const mark = useCallback(() => {
    const rows = rowsOf()
    if (current.current >= rows.length) current.current = rows.length - 1
    rows.forEach((row, i) => {
      const on = i === current.current
      row.classList.toggle(CURRENT, on)
      if (on) row.setAttribute('aria-current', 'true')
      else row.removeAttribute('aria-current')
    })
  }, [])

  useEffect(() => {
    const table = document.querySelector('.table')?.parentElement
    const observer = table ? new MutationObserver(mark) : null
    observer?.observe(table!, { childList: true, subtree: true })
    const onKey = (event: KeyboardEvent) => {
      const shortcut = deskShortcutFor(event)
      if (!shortcut) return
      if (shortcut.key === '?') {
        setHelpOpen((open) => !open)
        event.preventDefault()
        return
      }
      const rows = rowsOf()
      if (shortcut.key === 'j' || shortcut.key === 'k') {
        current.current = moveCurrent(current.current, shortcut.key === 'j' ? 1 : -1, rows.length)
        mark()
        rows[current.current]?.scrollIntoView({ block: 'nearest' })
        event.preventDefault()
        return
      }
      const row = rows[current.current]
      if (!row) return
      const selector =
        'status' in shortcut ? `button[data-action="${shortcut.status}"]` : 'button[data-desk-action="reply"]'
      const button = row.querySelector<HTMLButtonElement>(selector)
      if (button && !button.disabled) {
        event.preventDefault()
        button.click()
      }
    }
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('keydown', onKey)
      observer?.disconnect()
    }
  }, [mark])

  return (
    <div className="newsroom-desk__keys">
      <DeskStyles />
      <button
        aria-expanded={helpOpen}
        className="newsroom-action"
        data-desk-shortcuts-toggle=""
        onClick={() => setHelpOpen((open) => !open)}
        type="button"
      >
        {t('plugin-newsroom:deskShortcuts')} <kbd>?</kbd>
      </button>
      {helpOpen ? (
        <div aria-label={t('plugin-newsroom:deskShortcuts')} className="newsroom-desk__keys-popover" role="dialog">
          <dl>
            {DESK_SHORTCUTS.map((shortcut) => (
              <React.Fragment key={shortcut.key}>
                <dt>
                  <kbd>{shortcut.key}</kbd>
                </dt>
                <dd style={{ margin: 0 }}>{t(`plugin-newsroom:${shortcut.label}`)}</dd>
              </React.Fragment>
            ))}
          </dl>
        </div>
      ) : null}
    </div>
  )
}
