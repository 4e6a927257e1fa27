'use client'

import { useEffect, useState } from 'react'

/**
 * False in the server-rendered HTML, true once React runs in the browser. Submit buttons stay
 * disabled until then: a form submitted before its handler is attached would be posted natively.
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  return hydrated
}
