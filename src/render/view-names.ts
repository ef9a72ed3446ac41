/**
 * The views `depmap render` draws, by name: apart from select-view.ts so that the command
 * can offer them as --view choices without loading the views themselves.
 */
export const VIEWS = ['architecture', 'overview', 'system', 'focus', 'libraries'] as const;
export type ViewName = (typeof VIEWS)[number];
