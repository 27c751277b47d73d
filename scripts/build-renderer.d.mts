/** See build-renderer.mjs: the renderer's production build, into `outDir` (default dist/renderer). */
export function buildRenderer(root: string, outDir?: string): Promise<void>;
