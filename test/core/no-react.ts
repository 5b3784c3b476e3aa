import { vi } from 'vitest';

// The core must work with React mocked away: importing any of these fails the test file.
vi.mock('react', () => {
  throw new Error('src/core imported react; the core must stay framework-free');
});
vi.mock('react-dom', () => {
  throw new Error('src/core imported react-dom; the core must stay framework-free');
});
vi.mock('react/jsx-runtime', () => {
  throw new Error('src/core imported react/jsx-runtime; the core must stay framework-free');
});
vi.mock('@tanstack/react-query', () => {
  throw new Error('src/core imported @tanstack/react-query; the core must stay framework-free');
});
