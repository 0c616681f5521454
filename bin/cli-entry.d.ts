/** The file the CLI starts from: see bin/cli-entry.js. */
export function cliEntry(): URL;
/** Whether dist/bundle/ was built from the sources as they are now. */
export function bundleIsFresh(root?: URL): boolean;
