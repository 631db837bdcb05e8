// Transitional: src/inventory/build.ts and imports.ts, which another change is splitting, still
// import the type from here. New code imports src/discovery/types.ts; this file goes once they do.
export type { DiscoveredFile } from '../discovery/types.js';
