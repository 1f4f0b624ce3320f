import pkg from '../../package.json';

/** This build's version (package.json), what the heartbeat reports and head office's minimum is compared with. */
export const APP_VERSION: string = pkg.version;
