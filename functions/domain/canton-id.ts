/**
 * What a canton id looks like (`quito`, `santo-domingo`): in paths, keys and canton files. A module of its own so
 * that a schema needing only the pattern does not bring the canton file's schemas into its bundle.
 */
export const CANTON_ID_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;
