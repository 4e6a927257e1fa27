/**
 * Which stored approved comments make a new comment's author "previously approved" (WordPress's
 * `check_comment`): when the address belongs to a reader account, only that account's own approved comments
 * count, and only for the account holder, logged in; otherwise an approved comment with the same name and
 * the same email (hardened: from the same requester too). Pure, so the rule is tested apart from the database.
 */
export type PreviouslyApprovedFacts = {
  /** The verified reader account the typed (or account) email belongs to, if any. */
  addressAccountId: null | number | string
  authorEmail: string
  authorName: string
  /** Whether the email alone identifies the requester (`SubmissionKey.emailIdentifies`). */
  emailIdentifies: boolean
  fingerprint?: null | string
  /** The logged-in reader's account, if any. */
  readerId: null | number | string
}

/** What an approved comment must match to count; `null`: nothing can count, the comment waits. */
export type ApprovedCommentMatch =
  { authorEmail: string; authorName: string; fingerprint?: string } | { reader: number | string } | null

export const previouslyApprovedMatch = (facts: PreviouslyApprovedFacts): ApprovedCommentMatch => {
  if (facts.addressAccountId !== null) {
    // An account's address: its trust is the account's, and only its holder, signed in, may claim it.
    const holder = facts.readerId !== null && String(facts.readerId) === String(facts.addressAccountId)
    return holder ? { reader: facts.addressAccountId } : null
  }
  if (!facts.authorEmail || !facts.authorName) return null
  const sameAuthor = { authorEmail: facts.authorEmail, authorName: facts.authorName }
  if (facts.emailIdentifies) return sameAuthor
  // Hardened and anonymous: the same requester as well, or a typed-in name and address would be enough.
  return facts.fingerprint ? { ...sameAuthor, fingerprint: facts.fingerprint } : null
}
