/**
 * Tests read text fixtures and the shipped templates with Vite's `?raw` suffix instead of node:fs (core stays
 * free of fs, tests included). This tells editors what such an import is; the build never sees one.
 */
declare module '*?raw' {
  const text: string;
  export default text;
}
