/** GraphQL documents are imported as their source text (webpack `asset/source`, dev/next.config.mjs). */
declare module '*.graphql' {
  const source: string
  export default source
}
