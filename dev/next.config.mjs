import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
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
    return webpackConfig
  },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
