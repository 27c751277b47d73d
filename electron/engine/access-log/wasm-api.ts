/** Node's `WebAssembly` global: the engine's tsconfig (no DOM lib) declares only its types. */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Memory: new (size: { initial: number; maximum: number }) => { buffer: ArrayBuffer };
  Instance: new (module: object, imports: object) => { exports: unknown };
}
export const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** A WebAssembly page, the unit of a memory's size. */
export const WASM_PAGE = 65536;
