import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets the browser tests build and serve while `npm run dev` is running.
  distDir: process.env.NEWSROOM_NEXT_DIST_DIR || '.next',
  experimental: {
    // Keep server class names: Payload chooses the log level of an error by its name (ValidationError → info).
    serverMinification: false,
  },
  // Type-checked by `npm run typecheck` (the root tsconfig includes dev/); skipping it here keeps builds fast.
  typescript: { ignoreBuildErrors: true },
  // The plugin is imported from source (../src, ../collections, ../fields): its NodeNext-style
  // `.js` specifiers must resolve to the `.ts` files next to them.
  webpack: (webpackConfig) => {
    webpackConfig.resolve.extensionAlias = {
      '.cjs': ['.cts', '.cjs'],
      '.js': ['.ts', '.tsx', '.js', '.jsx'],
      '.mjs': ['.mts', '.mjs'],
    }
    // The reader's page sends the very GraphQL documents the README shows and the tests run.
    webpackConfig.module.rules.push({ test: /\.graphql$/, type: 'asset/source' })
    return webpackConfig
  },
}

const config = withPayload(nextConfig, { devBundleServerPackages: false })

// Payload's colour-scheme client hint (Accept-CH, Vary: Sec-CH-Prefers-Color-Scheme) is for admin pages. On /api
// it pushes Vary (Next's router headers + the plugin's Authorization, Cookie + Accept-Encoding) past the 128 bytes
// beyond which nginx caches nothing (README: Running behind a CDN), so the API answers without it.
const withPayloadHeaders = config.headers
config.headers = async () =>
  (await withPayloadHeaders()).map((rule) =>
    rule.source === '/:path*' && rule.headers.some((header) => header.value === 'Sec-CH-Prefers-Color-Scheme')
      ? { ...rule, source: '/:path((?!api(?:/|$)).*)' }
      : rule,
  )

export default config
