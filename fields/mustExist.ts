/**
 * A relationship `filterOptions` that filters nothing: its presence makes Payload check that every
 * referenced document exists and is readable by the requester, so a dangling id is a field error (400).
 */
export const mustExist = (): true => true
