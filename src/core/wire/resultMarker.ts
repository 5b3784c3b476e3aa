// Kept for the server's import until it moves to `./protocol` (a separate commit).
export { resultMarker } from './protocol';
