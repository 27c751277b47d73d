// Every test file runs this (vitest setupFiles); only those in jsdom have a DOM to wait on.
// testing-library's findBy/waitFor give up after 1 s by default, which a loaded 2-core machine
// (CI after 15 min of tests, or helpers sharing it) overruns on renders that do come. They wait
// for what will happen, so a longer limit costs nothing when it comes sooner and never lets a
// render that does not come pass.
if ('document' in globalThis) {
  const { configure } = await import('@testing-library/dom');
  configure({ asyncUtilTimeout: 5_000 });
}

export {};
