'use client'
import { useEffect, useState } from 'react'

/** False during the server render and until React has attached handlers, so buttons are not clickable dead. */
export const useHydrated = (): boolean => {
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  return hydrated
}
