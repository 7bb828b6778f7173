/** What Värn uses of `file-type` (an ESM-only package). */
export interface FileTypeModule {
  fileTypeFromBuffer(buffer: Uint8Array): Promise<{ ext: string; mime: string } | undefined>;
}

let loaded: FileTypeModule | null = null;

/**
 * Loads `file-type` (ESM-only) from this CommonJS backend.
 *
 * Node 20.19+ can `require()` an ES module without top-level await (require(esm), on by
 * default; `file-type` 21 even exports a `module-sync` condition for it). We go through a
 * require made by `createRequire` rather than a plain `require` or `import()`:
 * - tsc (module: commonjs) rewrites `await import('file-type')` into `require()`, and Jest's
 *   own module loader cannot load ESM without `--experimental-vm-modules`;
 * - the `new Function('s', 'return import(s)')` trick escapes tsc but fails under Jest with
 *   ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING;
 * - Jest also replaces `createRequire` of `node:module` with its own loader, so we take Node's
 *   own `node:module` from `process.getBuiltinModule` (Node 20.16+), whose `createRequire`
 *   gives the real `require`: the same code path in the built server, the CLI and every Jest
 *   suite (verified in each: file-kinds.spec.ts, files.int-spec.ts, the built CLI).
 */
export function fileTypeModule(): FileTypeModule {
  if (!loaded) {
    const nodeModule = process.getBuiltinModule('node:module');
    const nodeRequire = nodeModule.createRequire(__filename);
    loaded = nodeRequire('file-type') as FileTypeModule;
    if (typeof loaded.fileTypeFromBuffer !== 'function')
      throw new Error('file-type did not load (fileTypeFromBuffer missing)');
  }
  return loaded;
}
