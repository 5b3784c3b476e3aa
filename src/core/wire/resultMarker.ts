/**
 * The query parameter the server half's callback route adds to the app's callback page: a
 * verified outcome waits at `{basePath}/result`. Its value names the provider. It proves
 * nothing by itself (anyone can write it): the page asks the server.
 */
export const resultMarker = 'rcf_result';
