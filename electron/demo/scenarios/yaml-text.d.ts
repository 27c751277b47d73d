/** Scenario files are bundled as their text (scripts/build.mjs, vitest.config.ts). */
declare module '*.yaml' {
  const text: string;
  export default text;
}
