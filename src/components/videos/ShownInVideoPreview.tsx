'use client'
import React from 'react'

/**
 * The edit-view stand-in for a video's computed fields (provider, id, embed URL, thumbnail): they are shown
 * once, read-only, in the source preview under the URL, not as empty inputs nobody can type into.
 */
export const ShownInVideoPreview: React.FC = () => null
