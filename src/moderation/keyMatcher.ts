/**
 * Case-insensitive substring search for many keys at once (Aho-Corasick).
 *
 * WordPress's `check_comment` loops over every key and runs a regex per field, so its cost grows with
 * the key list. This automaton is built once per key list; a scan then costs one step per character
 * of the text, however many keys there are.
 */

export type KeyMatch = {
  /** The key as the editor wrote it (trimmed). */
  key: string
  /** Index of the text (in the list given to `findIn`) that contains it. */
  textIndex: number
}

export type KeyMatcher = {
  /** The first key found in any of the texts (scanned in order), or null. */
  findIn: (texts: readonly (null | string | undefined)[]) => KeyMatch | null
  /** Number of distinct non-empty keys. */
  readonly size: number
}

/** Splits a newline-separated key list (the Discussion settings textarea): trimmed, empty lines dropped. */
export const parseKeyList = (text: null | string | undefined): string[] =>
  (text ?? '')
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter(Boolean)

const ALPHABET = 0x10000 // UTF-16 code units

/** Builds the automaton. Keys are trimmed and compared lower-cased; empty keys are ignored. */
export const compileKeyMatcher = (rawKeys: readonly string[]): KeyMatcher => {
  const keys: string[] = []
  const seen = new Set<string>()
  for (const raw of rawKeys) {
    const key = raw.trim()
    const folded = key.toLowerCase()
    if (!folded || seen.has(folded)) continue
    seen.add(folded)
    keys.push(key)
  }
  if (keys.length === 0) return { findIn: () => null, size: 0 }

  // 1. Trie of the lower-cased keys. `terminal[node]` = index of a key ending there, or -1.
  const children: Map<number, number>[] = [new Map()]
  const terminal: number[] = [-1]
  keys.forEach((key, keyIndex) => {
    const folded = key.toLowerCase()
    let node = 0
    for (let i = 0; i < folded.length; i++) {
      const c = folded.charCodeAt(i)
      let next = children[node].get(c)
      if (next === undefined) {
        next = children.length
        children.push(new Map())
        terminal.push(-1)
        children[node].set(c, next)
      }
      node = next
    }
    if (terminal[node] < 0) terminal[node] = keyIndex
  })

  // 2. Failure links (breadth first) and, per node, a key that ends at it or at any of its suffixes.
  const nodeCount = children.length
  const fail = new Int32Array(nodeCount)
  const output = new Int32Array(nodeCount).fill(-1)
  const queue: number[] = []
  for (const child of children[0].values()) {
    output[child] = terminal[child]
    queue.push(child)
  }
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]
    for (const [c, child] of children[node]) {
      let f = fail[node]
      while (f !== 0 && !children[f].has(c)) f = fail[f]
      const target = children[f].get(c)
      fail[child] = target !== undefined && target !== child ? target : 0
      output[child] = terminal[child] >= 0 ? terminal[child] : output[fail[child]]
      queue.push(child)
    }
  }

  // 3. Compact transition tables: a direct table for the root (the busiest state),
  //    sorted per-node edge lists for the rest (most trie nodes have one child).
  const rootNext = new Int32Array(ALPHABET)
  for (const [c, child] of children[0]) rootNext[c] = child
  const edgeStart = new Int32Array(nodeCount + 1)
  let edgeCount = 0
  for (let node = 0; node < nodeCount; node++) {
    edgeStart[node] = edgeCount
    if (node !== 0) edgeCount += children[node].size
  }
  edgeStart[nodeCount] = edgeCount
  const edgeChar = new Uint16Array(edgeCount)
  const edgeTarget = new Int32Array(edgeCount)
  for (let node = 1; node < nodeCount; node++) {
    let at = edgeStart[node]
    for (const [c, child] of [...children[node]].sort((a, b) => a[0] - b[0])) {
      edgeChar[at] = c
      edgeTarget[at] = child
      at++
    }
  }

  const step = (state: number, c: number): number => {
    for (;;) {
      if (state === 0) return rootNext[c]
      let lo = edgeStart[state]
      let hi = edgeStart[state + 1] - 1
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1
        const m = edgeChar[mid]
        if (m === c) return edgeTarget[mid]
        if (m < c) lo = mid + 1
        else hi = mid - 1
      }
      state = fail[state]
    }
  }

  const findIn: KeyMatcher['findIn'] = (texts) => {
    for (let textIndex = 0; textIndex < texts.length; textIndex++) {
      const text = texts[textIndex]
      if (!text) continue
      const folded = text.toLowerCase()
      let state = 0
      for (let i = 0; i < folded.length; i++) {
        state = step(state, folded.charCodeAt(i))
        const hit = output[state]
        if (hit >= 0) return { key: keys[hit], textIndex }
      }
    }
    return null
  }

  return { findIn, size: keys.length }
}
