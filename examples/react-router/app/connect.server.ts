// The guides' shared server config (docs/server-config.md), as this app's server-only module.
export { handler, origin } from '../../hosts/connect';
