// Shared by the build step that writes precompiled validators and the loader that reads them.

/** File name of the precompiled validator of schema `name`. */
export function standaloneFileName(name: string): string {
  return `${name}.cjs`;
}
