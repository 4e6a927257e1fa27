// Server admin components (registered by the plugin by path 'payload-plugin-newsroom/rsc#Name').
export {}
