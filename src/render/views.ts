/**
 * The views: which nodes and edges a diagram shows, grouped and marked. Pure functions of the
 * graph index, one file each; every list is sorted so the same graph always gives the same
 * diagram (diagram-builder.ts).
 */
export type { ViewOptions } from './diagram-builder.js';
export { architectureView } from './architecture-view.js';
export { focusView, type FocusViewOptions } from './focus-view.js';
export { librariesView } from './libraries-view.js';
export { overviewView } from './overview-view.js';
export { systemMembers, systemView, type SystemViewOptions } from './system-view.js';
