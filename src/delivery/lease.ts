/** Whether work stamped at `since` is older than the lease at `now`: its holder is taken to be dead. */
export const leaseExpired = (since: Date | null | string | undefined, now: Date, leaseSeconds: number): boolean => {
  if (since === null || since === undefined || since === '') return true
  const at = new Date(since).getTime()
  return !Number.isFinite(at) || now.getTime() - at >= leaseSeconds * 1000
}

/** The instant before which a stamp has expired. */
export const leaseCutoff = (now: Date, leaseSeconds: number): Date => new Date(now.getTime() - leaseSeconds * 1000)
