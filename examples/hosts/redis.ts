import { createClient } from 'redis';

// The app's Redis client (node-redis; ioredis works too), shared by the guides' snippets.
export const redis = createClient({ url: process.env.REDIS_URL });
