import type { AgentDefinition, PackManifest, StudioPackageSection } from '@studio/sdk';

/** A loaded oclif plugin, reduced to what studio needs. */
export interface PluginRef {
  /** npm package name. */
  name: string;
  /** Package version. */
  version: string;
  /** Absolute folder of the package (never written to outputs). */
  root: string;
  /** oclif plugin type: core (bundled), user (installed), link (linked working copy), dev. */
  type: string;
  /** The package.json `studio` section. */
  studio: StudioPackageSection;
}

/** Where a pack comes from, before its manifest is read. */
export interface PackRef {
  id: string;
  plugin: PluginRef;
  /** Manifest path relative to the plugin root. */
  manifest: string;
}

/** Where an agent comes from, before its module is imported. */
export interface AgentRef {
  id: string;
  plugin: PluginRef;
  /** Module path relative to the plugin root. */
  module: string;
}

/** Where a locale pack comes from, before its manifest is read. */
export interface LocaleRef {
  id: string;
  plugin: PluginRef;
  /** Locale manifest path relative to the plugin root. */
  manifest: string;
}

/** Everything discovered, sorted, with problems recorded rather than thrown. */
export interface Catalog {
  packs: Map<string, PackRef>;
  agents: Map<string, AgentRef>;
  /** Locale packs by id (absent in catalogs built by hand: none). */
  locales?: Map<string, LocaleRef>;
  /** Plugins that could not be used, with the reason (shown as warnings). */
  warnings: { plugin: string; message: string }[];
}

/** A pack whose manifest has been read and checked. */
export interface LoadedPack {
  manifest: PackManifest;
  plugin: PluginRef;
  /** Absolute templates folder. */
  templatesDir: string;
  /** Absolute path of the English source catalog (`catalogs/en-US.json` beside `templates/`); the
   *  file may not exist (a pack with literal templates). */
  sourceCatalog: string;
  /** Recorded at build time ("git:<sha>") or computed from the templates ("sha256:<digest>"). */
  templateCommit: string;
}

export type { AgentDefinition };
