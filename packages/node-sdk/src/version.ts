import packageJson from '../package.json' with { type: 'json' }

/** This package's version, sent in the `User-Agent` header. */
export const version: string = packageJson.version
