'use client'
// Client admin components (registered by the plugin by path 'payload-plugin-newsroom/client#Name').
export {}
